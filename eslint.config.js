import js from "@eslint/js";
import tseslint from "typescript-eslint";

const effects = [
  "node:fs",
  "node:fs/promises",
  "node:child_process",
  "node:net",
  "node:http",
  "node:os",
  "fs",
  "child_process",
];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "experiments/**",
      "coverage/**",
      "bench/.work/**",
      "src/**/*.generated.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Implementations of async interfaces are async even when their body is synchronous.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["src/**/*.ts", "tasks/**/*.ts"],
    rules: { "no-console": "error" },
  },
  {
    // The engine is pure: effects arrive through its options, never by import.
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: effects.map((name) => ({
            name,
            message: "src/engine receives effects through its options",
          })),
          patterns: [
            {
              group: [
                "**/staging/**",
                "**/targets/**",
                "**/drivers/**",
                "**/cli/**",
                "**/store/**",
                "**/filehash/**",
                "**/fsutil/**",
              ],
              message: "the engine never imports the domain or effects",
            },
          ],
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs", "bin/**"], ...tseslint.configs.disableTypeChecked },
);
