/** `2026-02-22T20:01:59Z`: ISO 8601 in UTC with seconds precision, as version.yaml stores it. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
