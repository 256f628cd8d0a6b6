#!/usr/bin/env bash
# The README's campaign, exactly as a newcomer types it (the demo's candidate against its baseline,
# in both modes), on a busy machine: under the seeded CPU noise of scripts/ci/noise.mjs. It must
# give its verdicts there: every critical metric decided, none regressed, and the candidate's
# faster tokenizer seen where it shows, as improved p95 and cpu_per_request in every mode.
#
#   bash scripts/ci/readme-campaign.sh [SEED]      (needs `npm ci` done; builds, then runs)
#
# A campaign already finished in this checkout is not measured again (its nodes are cached): run
# it on a clean clone, as CI does, to measure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
out="$(mktemp)"
trap 'node bin/staging.js down >/dev/null 2>&1 || true; rm -f "$out"' EXIT
npm run build >/dev/null
start=$SECONDS
node scripts/ci/noise.mjs --seed "${1:-1}" -- node bin/staging.js run-campaign candidate --json >"$out"
echo "readme-campaign: the campaign took $((SECONDS - start)) s under noise"
node - "$out" <<'CHECK'
const fs = require("fs");
const outcome = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const report = JSON.parse(fs.readFileSync(`${outcome.dir}/report.json`, "utf8"));
const problems = [];
for (const table of report.modes) {
  const verdicts = table.metrics.filter((r) => r.critical).map((r) => `${r.metric} ${r.verdict}`);
  console.log(`readme-campaign: ${table.mode}: ${verdicts.join(", ")}; busy windows ${table.busy_windows.busy} of ${table.busy_windows.total}`);
  for (const metric of ["p95", "cpu_per_request"]) {
    const row = table.metrics.find((r) => r.metric === metric);
    if (row?.verdict !== "improved") problems.push(`${table.mode} ${metric} is ${row?.verdict ?? "missing"}, not improved`);
  }
}
console.log(`readme-campaign: ${report.rounds} rounds, decided: ${report.decided}`);
if (!report.decided) problems.push("not every critical metric is decided");
for (const f of report.regressions_in_critical) problems.push(`${f.mode} ${f.metric} regressed`);
if (problems.length > 0) {
  console.error(`readme-campaign: FAILED: ${problems.join("; ")}\nreport: ${outcome.dir}/report.md`);
  process.exit(1);
}
console.log("readme-campaign: ok");
CHECK
