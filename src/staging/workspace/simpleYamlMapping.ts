/**
 * The mapping of a YAML text made only of `key: value` lines whose reading is certain, as the YAML
 * parser would give it; undefined for anything else, which the full parser then reads. Every
 * command reads every version.yaml, and these are what staging writes: in a workspace of 10,000
 * versions the parser took 0.6 s of each command, this takes a few milliseconds.
 *
 * Certain means: full-line comments and empty lines, and otherwise one `key: value` per line,
 * where key and value are each a plain word (a letter, then letters, digits, `.`, `_`, `-`, at
 * most one inner `:`; not `true`, `false` or `null` in any case) or, for values, one
 * single-quoted string, or one double-quoted string without a backslash, on the line. No duplicate key, no tab, no carriage return, no control
 * character, no trailing comment: each of those is left to the parser, which knows the rules.
 */
export function simpleYamlMapping(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let keys = 0;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) {
      if (CONTROL.test(line)) return undefined;
      continue;
    }
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    // YAML allows an implicit key of at most 1,024 characters.
    if (Object.hasOwn(fields, key) || SPECIAL.test(key) || key.length > 1024) return undefined;
    const [, , singleQuoted, doubleQuoted, plain] = match;
    if (plain !== undefined && SPECIAL.test(plain)) return undefined;
    fields[key] = singleQuoted?.replaceAll("''", "'") ?? doubleQuoted ?? plain!;
    keys++;
  }
  return keys > 0 ? fields : undefined;
}

const WORD = "[A-Za-z][A-Za-z0-9._-]*(?::[A-Za-z0-9][A-Za-z0-9._-]*)?";
// The key, then a single-quoted string (quotes doubled inside), a double-quoted one with no
// escapes, or a plain word.
const LINE = new RegExp(
  `^(${WORD}): (?:'((?:[^'\\x00-\\x1f\\x7f]|'')*)'|"([^"\\\\\\x00-\\x1f\\x7f]*)"|(${WORD}))$`,
);
const SPECIAL = /^(true|false|null)$/i;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
