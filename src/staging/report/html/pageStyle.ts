import { GROUP_COLORS, PLOT_FONT } from "./plotTheme.js";

/** The page's only style sheet, inlined: nothing is fetched when the report is opened. */
export const PAGE_STYLE = `
body { font-family: ${PLOT_FONT}; color: #222; margin: 24px 32px; max-width: 1240px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
nav a { margin-right: 12px; }
table.verdicts { border-collapse: collapse; font-size: 13px; }
table.verdicts th, table.verdicts td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; }
table.verdicts th { background: #f4f4f4; }
table.verdicts td.num { text-align: right; font-variant-numeric: tabular-nums; }
.v { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: bold; }
.v-improved { background: #d8f0d8; color: #1b6b1b; }
.v-regressed { background: #f8d7d7; color: #9b1c1c; }
.v-same { background: #dde8f5; color: #23466e; }
.v-open { background: #eaeaea; color: #444; }
.v-few { background: #fbecc8; color: #7a5800; }
.v-na { background: #f2f2f2; color: #888; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(590px, 1fr)); gap: 12px 16px; }
figure.metric { margin: 0; border: 1px solid #e6e6e6; border-radius: 4px; padding: 8px 10px; overflow-x: auto; }
figure.metric figcaption { font-size: 14px; margin-bottom: 4px; }
.facts { color: #555; font-size: 13px; }
.plots { display: flex; align-items: flex-start; gap: 4px; }
.plot svg { display: block; }
p.no-plot { color: #666; font-size: 14px; }
figure.forest { margin: 8px 0 4px; }
p.not-drawn { color: #555; font-size: 13px; margin: 4px 0; }
table.endpoints { margin-bottom: 8px; }
.cdfs { display: flex; flex-wrap: wrap; gap: 12px 16px; }
figure.cdf { margin: 0; border: 1px solid #e6e6e6; border-radius: 4px; padding: 8px 10px; max-width: 360px; }
figure.cdf figcaption { font-size: 14px; margin-bottom: 4px; }
ul.notes { font-size: 14px; color: #444; }
ul.invalid-runs { font-size: 14px; }
ul.reasons { margin: 2px 0 6px; color: #9b1c1c; }
.key-invalid { color: ${GROUP_COLORS[2] ?? "red"}; font-weight: bold; }
`.trim();
