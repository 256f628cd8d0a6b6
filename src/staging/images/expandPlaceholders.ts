import { StagingError } from "../../errors/index.js";

/**
 * Replaces `{name}` placeholders inside each argument; the arguments stay separate (no shell), so
 * a value with spaces or quotes is one argument. An unknown placeholder is an error, not a literal.
 */
export function expandPlaceholders(
  argv: readonly string[],
  values: Readonly<Record<string, string>>,
  where: string,
): string[] {
  return argv.map((arg) =>
    arg.replace(/\{([a-z]+)\}/g, (match, name: string) => {
      const value = values[name];
      if (value === undefined) {
        throw new StagingError(`Unknown placeholder ${match} in ${where}`, {
          code: "E_CONFIG",
          facts: {
            field: where,
            argument: arg,
            expected: Object.keys(values)
              .map((k) => `{${k}}`)
              .join(", "),
          },
        });
      }
      return value;
    }),
  );
}
