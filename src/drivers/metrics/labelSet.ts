/** A label set's syntax error: what went wrong and where (index into the text). */
export class LabelSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = "LabelSyntaxError";
  }
}

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/** The metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) starting exactly at `i`, if any. */
export function metricNameAt(text: string, i: number): string | undefined {
  return matchAt(METRIC_NAME, text, i);
}

function matchAt(sticky: RegExp, text: string, i: number): string | undefined {
  sticky.lastIndex = i;
  return sticky.exec(text)?.[0];
}

export interface LabelSetOptions {
  /** Characters that may open and close a value: `"` in the exposition, `"` or `'` in a selector. */
  quotes: string;
  /** Names `!=`, `=~`, `!~` in the error (selector), instead of a bare syntax error. */
  rejectMatchers?: boolean;
}

/** A parsed `{name="value",...}` and the index just after its closing brace. */
export interface LabelSetRead {
  labels: Record<string, string>;
  end: number;
}

/**
 * Reads a label set starting at the `{` at `open`, in the exposition's syntax: names
 * `[a-zA-Z_][a-zA-Z0-9_]*`, quoted values with `\\`, `\"` and `\n` escapes (any other backslash pair
 * is kept as written, as Prometheus' own clients do), blanks around tokens, an optional trailing comma.
 * A repeated name is an error. Throws `LabelSyntaxError`.
 */
export function readLabelSet(text: string, open: number, options: LabelSetOptions): LabelSetRead {
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = skipBlank(text, open + 1);
  for (;;) {
    if (text[i] === "}") return { labels, end: i + 1 };
    const name = matchAt(LABEL_NAME, text, i);
    if (name === undefined) throw new LabelSyntaxError(`expected a label name or "}"`, i);
    if (Object.prototype.hasOwnProperty.call(labels, name)) {
      throw new LabelSyntaxError(`label ${name} appears twice`, i);
    }
    i = skipBlank(text, i + name.length);
    const op = text.slice(i, i + 2);
    if (options.rejectMatchers && (op === "!=" || op === "=~" || op === "!~")) {
      throw new LabelSyntaxError(`only exact label matches (=) are supported, got ${op}`, i);
    }
    if (text[i] !== "=") throw new LabelSyntaxError(`expected "=" after label ${name}`, i);
    i = skipBlank(text, i + 1);
    const quote = text[i];
    if (quote === undefined || !options.quotes.includes(quote)) {
      throw new LabelSyntaxError(`expected a quoted value for label ${name}`, i);
    }
    const value = readQuoted(text, i, quote);
    labels[name] = value.text;
    i = skipBlank(text, value.end);
    if (text[i] === ",") i = skipBlank(text, i + 1);
    else if (text[i] !== "}") throw new LabelSyntaxError(`expected "," or "}" after label ${name}`, i);
  }
}

function readQuoted(text: string, open: number, quote: string): { text: string; end: number } {
  let value = "";
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return { text: value, end: i + 1 };
    if (c === "\n") break;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    value += next === "n" ? "\n" : next === "\\" || next === quote ? next : `\\${next}`;
  }
  throw new LabelSyntaxError("unterminated label value", open);
}

export function skipBlank(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}
