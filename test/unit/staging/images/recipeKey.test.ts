import { describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../../../src/config/StagingConfig.js";
import { hashValue } from "../../../../src/engine/hashValue.js";
import { deployRecipe } from "../../../../src/staging/deploy/deploySpec.js";
import { recipeKey } from "../../../../src/staging/images/buildImage.js";

const config = (deploy: NonNullable<ResolvedConfig["modes"][string]["deploy"]>) =>
  ({ modes: { node: { deploy } } }) as unknown as ResolvedConfig;

describe("recipes in keys", () => {
  it("keep an argument list as it was (no key of an existing store moves), tools under the config folder relative", () => {
    const recipe = {
      command: ["/repo/node_modules/.bin/esbuild", "{snapshot}/src/main.ts"],
      hint: "install it",
    };
    expect(recipeKey(recipe, "/repo")).toEqual({
      command: ["<config>/node_modules/.bin/esbuild", "{snapshot}/src/main.ts"],
    });
    expect(deployRecipe(config({ command: ["node", "{artifact}/service.mjs"] }), "node")).toEqual({
      command: ["node", "{artifact}/service.mjs"],
    });
  });

  it("take a function as its source text: another text is another key, the same text the same key", () => {
    const a = async ({ $ }: { $: (s: TemplateStringsArray) => Promise<unknown> }) => void (await $`make`);
    const b = async ({ $ }: { $: (s: TemplateStringsArray) => Promise<unknown> }) => void (await $`make all`);
    const aAgain = async ({ $ }: { $: (s: TemplateStringsArray) => Promise<unknown> }) =>
      void (await $`make`);
    const key = (f: unknown) => hashValue(recipeKey({ command: f as never, hint: "x" }, "/repo"));
    expect(recipeKey({ command: a }, "/repo")).toEqual({ command: { zx: a.toString() } });
    expect(key(a)).not.toBe(key(b));
    expect(key(a)).toBe(key(aAgain));
    const deploy = async () => ["node", "{artifact}/service.mjs"];
    expect(deployRecipe(config({ command: deploy, env: { A: "1" } }), "node")).toEqual({
      command: { zx: deploy.toString() },
      env: { A: "1" },
    });
  });
});
