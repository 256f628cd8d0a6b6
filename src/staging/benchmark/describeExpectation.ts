import type { ErrorObject } from "ajv";

const PATTERNS: Record<string, string> = {
  "^[a-z0-9][a-z0-9_-]*$":
    "a name of lowercase letters, digits, dashes and underscores, starting with a letter or digit",
  "^[a-z][a-z0-9_]*$": "a metric name of lowercase letters, digits and underscores, starting with a letter",
  "^/": "a path starting with /",
  "^[^/\\\\]": "a relative path under benchmark/",
  "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})?$":
    'a Prometheus metric name with an optional label filter, e.g. jvm_memory_used_bytes{area="heap"}',
  "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$": "a k6 duration such as 500ms, 30s, 2m or 1h",
  "^\\s*[0-9]+(\\.[0-9]+)?(ms|s|m|h):[0-9]+(\\s*,\\s*[0-9]+(\\.[0-9]+)?(ms|s|m|h):[0-9]+)*\\s*$":
    "k6 stages as duration:target pairs, e.g. 20s:20,20s:0 (or a list of { duration, target })",
};

const TYPES: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "text",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
};

const REQUIRED_BECAUSE: Record<string, string> = {
  functions: " (function_profile is subset)",
  k6: " (driver is k6)",
  requests: " (unless a k6 script drives the load)",
};

/** What a schema violation expected, in words (used as the `expected` fact). */
export function describeExpectation(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return String(p.type)
        .split(",")
        .map((t) => TYPES[t] ?? t)
        .join(" or ");
    case "enum":
      return `one of: ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
    case "const":
      return JSON.stringify(p.allowedValue);
    case "required":
      return `field \`${String(p.missingProperty)}\` to be present${REQUIRED_BECAUSE[String(p.missingProperty)] ?? ""}`;
    case "pattern":
      return PATTERNS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case "minItems":
      return `a list of at least ${String(p.limit)} item(s)`;
    case "minProperties":
      return `a mapping with at least ${String(p.limit)} entry(ies)`;
    case "minLength":
      return "non-empty text";
    case "uniqueItems":
      return `a list without duplicates (items ${String(p.j)} and ${String(p.i)} are equal)`;
    default:
      return error.message ?? error.keyword;
  }
}
