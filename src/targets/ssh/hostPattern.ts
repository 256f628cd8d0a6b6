/** `*` and `?` glob matching of one OpenSSH host pattern, case-insensitive. */
export function matchPattern(pattern: string, text: string): boolean {
  const source = pattern
    .toLowerCase()
    .split("")
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "s").test(text.toLowerCase());
}

/**
 * OpenSSH pattern-list semantics (ssh_config `Host`, known_hosts host field): the name matches when
 * some positive pattern matches and no negated (`!`) pattern does.
 */
export function matchPatternList(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchPattern(pattern.slice(1), name)) return false;
    } else if (matchPattern(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}
