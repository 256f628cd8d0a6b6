import { fileURLToPath, pathToFileURL } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));

/** A command that runs a TypeScript entry of this repository with Node, from any working folder. */
export function tsCommand(entry: string): string[] {
  const loader = pathToFileURL(`${repo}node_modules/tsx/dist/loader.mjs`).href;
  return [process.execPath, "--import", loader, `${repo}${entry}`];
}
