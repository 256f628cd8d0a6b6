/** A thrown value's message in one line, for an error's facts: its first line, or the value as text. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
