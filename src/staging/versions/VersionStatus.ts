/**
 * Where a version stands: `staging` (new), `candidate` / `rejected` (marked by the user), `baseline`
 * (exactly one, made by set-baseline or promotion), `archived-baseline` (a former baseline).
 */
export type VersionStatus = "staging" | "candidate" | "baseline" | "rejected" | "archived-baseline";

/** Every status, in lifecycle order. */
export const VERSION_STATUSES: readonly VersionStatus[] = [
  "staging",
  "candidate",
  "baseline",
  "rejected",
  "archived-baseline",
];

/** Statuses `staging mark` may set. */
export const MARKABLE_STATUSES: readonly VersionStatus[] = ["staging", "candidate", "rejected"];

/** True when `value` is one of VERSION_STATUSES. */
export function isVersionStatus(value: unknown): value is VersionStatus {
  return typeof value === "string" && (VERSION_STATUSES as readonly string[]).includes(value);
}
