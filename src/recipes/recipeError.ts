import { errorLine } from "../errors/index.js";

/** What went wrong in a recipe function, in one line: the failed command and its exit code, or the thrown message. */
export function recipeError(error: unknown): string {
  const failed = error as { exitCode?: unknown; stderr?: unknown; message?: unknown } | null;
  if (failed !== null && typeof failed === "object" && typeof failed.exitCode === "number") {
    const stderr = typeof failed.stderr === "string" ? lastLine(failed.stderr) : "";
    return `a command exited ${failed.exitCode}${stderr ? ` (${stderr})` : ""}`;
  }
  return errorLine(error);
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  return last.length > 200 ? `${last.slice(0, 200)}…` : last;
}
