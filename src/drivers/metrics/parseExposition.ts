import { StagingError } from "../../errors/StagingError.js";
import { LabelSyntaxError, metricNameAt, readLabelSet, skipBlank } from "./labelSet.js";

/** One sample line of the text exposition; histogram and summary parts keep their own names. */
export interface ExpositionSample {
  /** As written: `x_bucket`, `x_sum`, `x_count` and `x_total` are names of their own. */
  name: string;
  labels: Record<string, string>;
  /** May be NaN or ±Infinity, as the format allows. */
  value: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  "+inf": Infinity,
  "-inf": -Infinity,
  infinity: Infinity,
  "+infinity": Infinity,
  "-infinity": -Infinity,
};

/**
 * Parses the Prometheus text exposition (version 0.0.4, and the sample lines of OpenMetrics) into
 * a flat list of samples. Comments (`# HELP`, `# TYPE`, `# EOF`, ...) and blank lines are skipped;
 * CRLF endings, a timestamp after the value and an OpenMetrics exemplar (`# {...} v`) are accepted.
 * Like Prometheus, a malformed line makes the whole text unusable: throws `E_SCRAPE_PARSE` with the
 * line number, rather than quietly dropping a series.
 */
export function parseExposition(text: string): ExpositionSample[] {
  const samples: ExpositionSample[] = [];
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, "");
    const start = skipBlank(line, 0);
    if (start === line.length || line[start] === "#") continue;
    try {
      samples.push(parseSampleLine(line, start));
    } catch (error) {
      if (!(error instanceof LabelSyntaxError)) throw error;
      throw new StagingError("the metrics endpoint answered text that is not Prometheus exposition", {
        code: "E_SCRAPE_PARSE",
        facts: {
          line: n + 1,
          column: error.index + 1,
          text: line.length > 200 ? `${line.slice(0, 197)}...` : line,
          problem: error.message,
        },
      });
    }
  }
  return samples;
}

function parseSampleLine(line: string, start: number): ExpositionSample {
  const name = metricNameAt(line, start);
  if (name === undefined) throw new LabelSyntaxError("expected a metric name", start);
  let i = start + name.length;
  let labels: Record<string, string> = Object.create(null) as Record<string, string>;
  const brace = skipBlank(line, i);
  if (line[brace] === "{") {
    const read = readLabelSet(line, brace, { quotes: '"' });
    labels = read.labels;
    i = read.end;
  }
  const valueAt = skipBlank(line, i);
  if (valueAt === line.length) throw new LabelSyntaxError("expected a value", valueAt);
  if (valueAt === i && line[brace] !== "{") {
    throw new LabelSyntaxError("expected a blank before the value", i);
  }
  const [value, second, third] = tokens(line, valueAt);
  if (value === undefined) throw new LabelSyntaxError("expected a value", valueAt);
  const parsed = parseValue(value.text);
  if (parsed === undefined) throw new LabelSyntaxError(`not a number: ${value.text}`, value.at);
  if (second !== undefined && second.text !== "#") {
    if (parseValue(second.text) === undefined) {
      throw new LabelSyntaxError(`not a timestamp: ${second.text}`, second.at);
    }
    if (third !== undefined && third.text !== "#") {
      throw new LabelSyntaxError(`unexpected ${third.text} after the timestamp`, third.at);
    }
  }
  return { name, labels, value: parsed };
}

/** Blank-separated tokens from `from`; a `#` token stops the scan (an exemplar follows, ignored). */
function tokens(line: string, from: number): { text: string; at: number }[] {
  const found: { text: string; at: number }[] = [];
  let i = from;
  while (i < line.length) {
    const at = i;
    while (i < line.length && line[i] !== " " && line[i] !== "\t") i++;
    const text = line.slice(at, i);
    found.push({ text, at });
    if (text === "#") break;
    i = skipBlank(line, i);
  }
  return found;
}

/** A float as Prometheus writes it (`1.5E7`, `-1`, `+Inf`, `NaN`), or undefined. */
export function parseValue(text: string): number | undefined {
  if (NUMBER.test(text)) return Number(text);
  return SPECIAL[text.toLowerCase()];
}
