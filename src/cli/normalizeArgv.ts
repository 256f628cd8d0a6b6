import { StagingError } from "../errors/index.js";

/** Options of the program that take a value: their values are not the command's name. */
const GLOBAL_WITH_VALUE = [
  "--config",
  "--workspace",
  "--staging-root",
  "--target",
  "--identity",
  "--known-hosts",
];

/** Commands whose positional the prototype spelled as a flag. */
const POSITIONAL_FLAGS: Record<string, string> = {
  "create-version": "--slug",
  "run-campaign": "--candidate",
  promote: "--candidate",
  "build-images": "--slug",
  report: "--candidate",
};

/**
 * Accepts the old prototype's spellings: `--staging-root DIR` anywhere (before or after the
 * command) is `--workspace DIR`, and `--slug S` / `--candidate C` become the command's positional.
 */
export function normalizeArgv(argv: readonly string[]): string[] {
  const out = stagingRootAsWorkspace(argv);
  const command = out.find((a, i) => !a.startsWith("-") && !GLOBAL_WITH_VALUE.includes(out[i - 1] ?? ""));
  const flag = command ? POSITIONAL_FLAGS[command] : undefined;
  if (!command || !flag) return out;
  const at = out.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (at < 0) return out;
  const inline = out[at]!.includes("=");
  const value = inline ? out[at]!.slice(flag.length + 1) : out[at + 1];
  if (value === undefined) return out;
  out.splice(at, inline ? 1 : 2);
  out.splice(out.indexOf(command) + 1, 0, value);
  return out;
}

/** `--staging-root DIR` / `--staging-root=DIR` -> `--workspace ...`; refused beside a different `--workspace`. */
function stagingRootAsWorkspace(argv: readonly string[]): string[] {
  const out = argv.map((a) =>
    a === "--staging-root" ? "--workspace" : a.replace(/^--staging-root=/, "--workspace="),
  );
  if (out.every((a, i) => a === argv[i])) return out;
  const values = new Set(
    out.flatMap((a, i) =>
      a === "--workspace" ? [out[i + 1]] : a.startsWith("--workspace=") ? [a.slice(12)] : [],
    ),
  );
  if (values.size > 1) {
    throw new StagingError("--staging-root and --workspace name different folders", {
      code: "E_USAGE",
      facts: { field: "--staging-root", expected: "one workspace folder", got: [...values].join(", ") },
      hint: "--staging-root is the prototype's spelling of --workspace: give one of them",
    });
  }
  return out;
}
