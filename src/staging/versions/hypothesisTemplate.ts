/** What the hypothesis template says about a new version. */
export interface HypothesisContext {
  slug: string;
  /** `parent` as written to version.yaml. */
  parent: string;
  /** True when the parent was the baseline at creation time. */
  fromBaseline: boolean;
  createdAt: string;
}

/** hypothesis.md for a new version: `# Hypothesis` and the five sections, the parent named in Context. */
export function hypothesisTemplate(context: HypothesisContext): string {
  return [
    "# Hypothesis",
    "",
    "## Context",
    "",
    `Version \`${context.slug}\`, created ${context.createdAt} from ${describeParent(context)}.`,
    "",
    "## Differences from parent",
    "",
    "<!-- What this version changes compared with its parent. -->",
    "",
    "## Hypotheses",
    "",
    "<!-- What should happen to which metric, in which mode, and why. -->",
    "",
    "## Risks",
    "",
    "<!-- What could get worse: other metrics, modes, correctness. -->",
    "",
    "## Expected impact",
    "",
    "<!-- The expected change, e.g. p95 -10% in jvm, no change in native. -->",
    "",
  ].join("\n");
}

function describeParent(context: HypothesisContext): string {
  if (context.parent === "none") return "an empty snapshot (parent: `none`)";
  const baseline = context.fromBaseline ? ", the baseline at that time" : "";
  return `parent \`${context.parent}\`${baseline}`;
}
