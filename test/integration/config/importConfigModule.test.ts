import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { importConfigModule } from "../../../src/config/importConfigModule.js";
import { userCacheDir } from "../../../src/config/userCacheDir.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

const load = async (file: string, cacheDir: string | undefined) =>
  (await importConfigModule(file, cacheDir)).default as Record<string, unknown>;

const compiledIn = (cacheDir: string) =>
  readdirSync(join(cacheDir, "config")).filter((name) => name.endsWith(".mjs"));

/** A package with an entry per condition: Node picks `import` (or `require`), never `module`. */
const fakePackage = {
  "node_modules/fakepkg/package.json": JSON.stringify({
    name: "fakepkg",
    exports: { module: "./wrong.js", import: "./esm.mjs", require: "./cjs.cjs" },
  }),
  "node_modules/fakepkg/esm.mjs": 'export const via = "import";\n',
  "node_modules/fakepkg/cjs.cjs": 'exports.via = "require";\n',
  "node_modules/fakepkg/wrong.js": 'export const via = "module";\n',
};

describe("a config imported through the compile cache", () => {
  it("is compiled once; the next load imports the cached module", async () => {
    const root = useTmpDir({
      "staging.config.ts": 'const ws: string = "a";\nexport default { workspace: ws };\n',
    });
    const cacheDir = join(root, "cache");
    const file = join(root, "staging.config.ts");
    expect(await load(file, cacheDir)).toEqual({ workspace: "a" });
    const [entry] = compiledIn(cacheDir);
    // What the next load gets is the cached module, not a new compilation.
    writeFileSync(join(cacheDir, "config", entry!), 'export default { workspace: "from the cache" };\n');
    expect(await load(file, cacheDir)).toEqual({ workspace: "from the cache" });
  });

  it("is compiled again when the config or a file it imports changes", async () => {
    const root = useTmpDir({
      "staging.config.ts": 'import { ws } from "./parts/ws";\nexport default { workspace: ws };\n',
      "parts/ws.ts": 'export const ws: string = "one";\n',
    });
    const cacheDir = join(root, "cache");
    const file = join(root, "staging.config.ts");
    expect(await load(file, cacheDir)).toEqual({ workspace: "one" });
    writeFileSync(join(root, "parts/ws.ts"), 'export const ws: string = "two";\n');
    expect(await load(file, cacheDir)).toEqual({ workspace: "two" });
    writeFileSync(file, 'import { ws } from "./parts/ws";\nexport default { workspace: ws + "!" };\n');
    expect(await load(file, cacheDir)).toEqual({ workspace: "two!" });
    // One entry per content of the config itself; a changed import replaces it.
    expect(compiledIn(cacheDir)).toHaveLength(2);
  });

  it("sees import.meta.url, __dirname and createRequire as where each file lives", async () => {
    const root = useTmpDir({
      "staging.config.ts": [
        'import { createRequire } from "node:module";',
        'import { here } from "./sub/here";',
        "const require = createRequire(import.meta.url);",
        "export default {",
        "  url: import.meta.url,",
        "  dir: __dirname,",
        '  helper: require.resolve("./sub/helper.cjs"),',
        "  sub: here,",
        "};",
        "",
      ].join("\n"),
      "sub/here.ts": "export const here = import.meta.url;\n",
      "sub/helper.cjs": "module.exports = 1;\n",
    });
    const file = join(root, "staging.config.ts");
    expect(await load(file, join(root, "cache"))).toEqual({
      url: pathToFileURL(file).href,
      dir: root,
      helper: join(root, "sub/helper.cjs"),
      sub: pathToFileURL(join(root, "sub/here.ts")).href,
    });
  });

  it("imports packages as Node would from the config's folder, ES module or CommonJS", async () => {
    const root = useTmpDir({
      ...fakePackage,
      "staging.config.ts": 'import { via } from "fakepkg";\nexport default { via };\n',
      "legacy/staging.config.js": 'const { via } = require("fakepkg");\nmodule.exports = { via };\n',
    });
    const cacheDir = join(root, "cache");
    expect(await load(join(root, "staging.config.ts"), cacheDir)).toEqual({ via: "import" });
    expect(await load(join(root, "legacy/staging.config.js"), cacheDir)).toEqual({ via: "require" });
  });

  it("loads without a cache folder", async () => {
    const root = useTmpDir({
      ...fakePackage,
      "c.ts": 'import { via } from "fakepkg";\nexport default { via };\n',
    });
    expect(await load(join(root, "c.ts"), undefined)).toEqual({ via: "import" });
  });

  it("names the file and line of a syntax error", async () => {
    const root = useTmpDir({ "staging.config.ts": "export default {\n  workspace: ,\n};\n" });
    const file = join(root, "staging.config.ts");
    await expect(importConfigModule(file, join(root, "cache"))).rejects.toMatchObject({
      code: "E_CONFIG",
      facts: { file, line: "2:14" },
    });
  });
});

describe("userCacheDir", () => {
  it("is STAGING_CACHE_DIR when that is a private folder of this user's, and none otherwise", () => {
    const root = useTmpDir({ "open/": null });
    expect(userCacheDir({ STAGING_CACHE_DIR: join(root, "mine") })).toBe(join(root, "mine"));
    chmodSync(join(root, "open"), 0o777);
    expect(userCacheDir({ STAGING_CACHE_DIR: join(root, "open") })).toBeUndefined();
    writeFileSync(join(root, "file"), "");
    expect(userCacheDir({ STAGING_CACHE_DIR: join(root, "file") })).toBeUndefined();
    expect(readFileSync(join(root, "file"), "utf8")).toBe("");
  });
});
