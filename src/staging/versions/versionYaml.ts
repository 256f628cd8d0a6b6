import { Document, Scalar, isScalar, parse, parseDocument } from "yaml";

/** The fields `create-version` writes, in the order of the old layout. */
export interface NewVersionFields {
  slug: string;
  status: string;
  parent: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  createdAt: string;
  sourceCommit?: string;
  notes?: string;
  /** The JSON Schema editors check the file against, relative to the file's folder (a first `# yaml-language-server` line). */
  schema?: string;
}

/** A new version.yaml: slug, kind, status, parent, created_at, then source_commit and notes when given. */
export function renderVersionYaml(fields: NewVersionFields): string {
  const doc = new Document({});
  const entries: [string, string | undefined][] = [
    ["slug", fields.slug],
    ["kind", "generic-service"],
    ["status", fields.status],
    ["parent", fields.parent],
    ["created_at", fields.createdAt],
    ["source_commit", fields.sourceCommit],
    ["notes", fields.notes],
  ];
  for (const [key, value] of entries) if (value !== undefined) doc.set(key, yamlScalar(value));
  return (fields.schema === undefined ? "" : schemaLine(fields.schema)) + doc.toString();
}

/**
 * Sets `changes` in an existing version.yaml and returns the new text. Only the changed values are
 * replaced in the text and new keys are appended, so comments, spacing, order and every other field
 * (known or not) stay byte for byte; when that cannot be done safely, the document is re-printed.
 */
export function updateVersionYaml(text: string, changes: Record<string, string | boolean>): string {
  const doc = parseDocument(text);
  const expected = JSON.stringify({ ...(doc.toJS() as object), ...changes });
  const edited = editInPlace(doc, text, changes);
  if (edited !== null && JSON.stringify(parseDocument(edited).toJS()) === expected) return edited;
  for (const [key, value] of Object.entries(changes))
    doc.set(key, typeof value === "string" ? yamlScalar(value) : value);
  return doc.toString();
}

function editInPlace(
  doc: Document.Parsed,
  text: string,
  changes: Record<string, string | boolean>,
): string | null {
  const edits: { start: number; end: number; text: string }[] = [];
  let appended = "";
  for (const [key, value] of Object.entries(changes)) {
    const rendered =
      typeof value === "string" ? new Document(yamlScalar(value)).toString().trimEnd() : String(value);
    const node = doc.get(key, true);
    if (isScalar(node) && node.range)
      edits.push({ start: node.range[0], end: node.range[1], text: rendered });
    else if (node === undefined) appended += `${key}: ${rendered}\n`;
    else return null;
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  if (appended === "") return result;
  return (result === "" || result.endsWith("\n") ? result : result + "\n") + appended;
}

/** The comment that names a file's JSON Schema for editors (the YAML language server reads it). */
export function schemaLine(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}\n`;
}

const PLAIN_SAFE = /^[a-z][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$/;

/**
 * A string scalar that both YAML 1.2 (us) and YAML 1.1 (the Python prototype) read back as the same
 * string: plain for simple words, single-quoted otherwise (timestamps, numbers, `yes`, free text).
 */
export function yamlScalar(value: string): Scalar<string> {
  const scalar = new Scalar(value);
  // Plain only when both readers give the string back: a word list missed 1.1 readings like `e0` (a float).
  const plain =
    PLAIN_SAFE.test(value) && parse(value) === value && parse(value, { version: "1.1" }) === value;
  if (!plain) scalar.type = Scalar.QUOTE_SINGLE;
  return scalar;
}
