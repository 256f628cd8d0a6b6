import { basename } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";
import { StagingError } from "../../errors/index.js";

/** A parsed YAML file: its document (for positions and round-trip edits) and its plain data. */
export interface ParsedYaml {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

/**
 * Parses one YAML document. Malformed YAML (syntax, duplicate keys, several documents, alias bombs)
 * throws a StagingError with `code`, the file, line and column.
 */
export function parseYamlFile(file: string, text: string, code: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw malformed(file, code, pos?.line ?? 1, pos?.col ?? 1, error.message.split(/ at line \d+/)[0] ?? "");
  }
  try {
    return { file, doc, lineCounter, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (cause) {
    throw malformed(file, code, 1, 1, cause instanceof Error ? cause.message : String(cause));
  }
}

function malformed(file: string, code: string, line: number, column: number, reason: string): StagingError {
  return new StagingError(`Malformed YAML in ${basename(file)}`, {
    code,
    facts: { file, line, column, expected: "valid YAML (one document)", got: reason.trim() },
    hint: "fix the YAML syntax at that position; nothing was written",
  });
}
