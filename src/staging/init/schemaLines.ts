import { relative } from "node:path";
import { schemaLine } from "../versions/versionYaml.js";

/**
 * The first line of a YAML file that names its JSON Schema, replacing the file's own such line if
 * it has one: the schema path is relative to the folder the file is written to.
 */
export function withSchemaLine(text: string, fileDir: string, schemaFile: string): string {
  const line = schemaLine(relative(fileDir, schemaFile));
  const rest = text.startsWith("# yaml-language-server:") ? text.slice(text.indexOf("\n") + 1) : text;
  return line + rest;
}
