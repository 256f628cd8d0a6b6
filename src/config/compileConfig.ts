import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Esbuild from "esbuild";
import type { Plugin } from "esbuild";
import { errorLine, StagingError } from "../errors/index.js";

/** A config compiled to one ES module that runs from anywhere, and the local files it was made of. */
export interface CompiledConfig {
  code: string;
  /** Absolute paths of the config and every local file bundled into it. */
  inputs: string[];
}

/**
 * Compiles a config (TypeScript or JavaScript, ES module or CommonJS) to one ES module with
 * esbuild: its own files bundled, packages left as imports of the absolute files they resolve to
 * from the config's folder, and `import.meta.url` (`dirname`, `filename`) of each file, and
 * `__dirname`, `__filename` and `require` of the config, as they would be where it lives. So the
 * module can be kept in a cache folder and imported from there.
 */
export async function compileConfig(file: string): Promise<CompiledConfig> {
  const { build } = await loadEsbuild(file);
  const dir = dirname(file);
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: dir,
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      // Node's own conditions: esbuild would also pick a package's `module` entry.
      conditions: ["node"],
      define: { __dirname: JSON.stringify(dir), __filename: JSON.stringify(file) },
      metafile: true,
      logLevel: "silent",
      plugins: [packagesWhereTheyAre, importMetaOfEachFile],
    });
    let code = result.outputFiles[0]!.text;
    if (/\b__require\(/.test(code)) {
      // CommonJS `require` of a package: esbuild's shim calls the `require` in scope.
      const url = JSON.stringify(pathToFileURL(file).href);
      code = `import { createRequire as __stagingCreateRequire } from "node:module";\nvar require = __stagingCreateRequire(${url});\n${code}`;
    }
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(dir, input));
    return { code, inputs };
  } catch (error) {
    throw compileError(file, error);
  }
}

/** Packages stay imports, of the very files Node would load for them from the config's folder. */
const packagesWhereTheyAre: Plugin = {
  name: "staging-config-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === INNER || isAbsolute(args.path)) return undefined;
      if (args.path.startsWith("node:") || isBuiltin(args.path)) return { path: args.path, external: true };
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: INNER,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      // A package of TypeScript sources (a workspace sibling) is bundled like the config's own files.
      if (/\.[cm]?tsx?$/.test(found.path)) return { path: found.path };
      const byRequire = args.kind === "require-call" || args.kind === "require-resolve";
      return { path: byRequire ? found.path : pathToFileURL(found.path).href, external: true };
    });
  },
};

const INNER = Symbol("inner resolve");

/** `import.meta.url` and its siblings, replaced in each file by that file's own values. */
const importMetaOfEachFile: Plugin = {
  name: "staging-config-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      const values: Record<string, string> = {
        url: pathToFileURL(args.path).href,
        dirname: dirname(args.path),
        filename: args.path,
      };
      const contents = readFileSync(args.path, "utf8").replace(
        /\bimport\.meta\.(url|dirname|filename)\b/g,
        (_, key: string) => JSON.stringify(values[key]),
      );
      return { contents, loader: LOADERS[extname(args.path)] ?? "js" };
    });
  },
};

const LOADERS: Record<string, "ts" | "tsx" | "js" | "jsx"> = {
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
};

/** esbuild, an optional dependency: an install without it (`--omit=optional`) is told what to add. */
async function loadEsbuild(file: string): Promise<typeof Esbuild> {
  try {
    return await import("esbuild");
  } catch (error) {
    throw new StagingError("The config file cannot be compiled: esbuild is not installed", {
      code: "E_CONFIG",
      facts: { file, error: errorLine(error) },
      hint: "npm install esbuild (staging compiles its config with it; an install with --omit=optional leaves it out)",
      cause: error,
    });
  }
}

function compileError(file: string, error: unknown): StagingError {
  const first = (
    error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }
  ).errors?.[0];
  const where = first?.location;
  return new StagingError("The config file could not be compiled", {
    code: "E_CONFIG",
    facts: {
      file: where ? resolve(dirname(file), where.file) : file,
      ...(where ? { line: `${where.line}:${where.column + 1}` } : {}),
      error: first?.text ?? errorLine(error),
    },
    hint: "fix the file so that `export default defineConfig({ ... })` compiles",
    cause: error,
  });
}
