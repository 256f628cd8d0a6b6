import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { Output } from "../../../src/cli/Output.js";

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** What `staging --help` prints, captured. */
async function help(): Promise<string> {
  let text = "";
  const output: Output = {
    out: (t) => void (text += `${t}\n`),
    err: (t) => void (text += `${t}\n`),
    live: false,
  };
  expect(await main(["--help"], output)).toBe(0);
  return text;
}

/** The command names of the help's "Commands:" section, `help` itself left out. */
function helpCommands(text: string): string[] {
  const section = text.split(/^Commands:$/m)[1] ?? "";
  return section
    .split("\n")
    .map((line) => /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== "help");
}

/** The first word of each command line in the README's "Command line" block. */
function readmeCommands(): string[] {
  const block = /^## Command line\n+```\n([\s\S]*?)```/m.exec(README)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe("README.md", () => {
  it("lists every command that `staging --help` lists, and no other", async () => {
    const listed = helpCommands(await help());
    expect(listed).toEqual(expect.arrayContaining(["campaigns", "report", "init", "watch"]));
    expect([...readmeCommands()].sort()).toEqual([...listed].sort());
  });

  it("keeps the demo campaign as its first command", () => {
    const first = /```sh\n([^\n]+)/.exec(README)?.[1];
    expect(first).toMatch(/run-campaign candidate$/);
  });
});
