import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { dockerAvailable, dockerImageExists, NODE_BASE_IMAGE } from "../helpers/docker.js";
import { requireOrSkip } from "../helpers/integration.js";
import { testSshd } from "../helpers/sshd.js";

/** A value that breaks naive quoting: it must arrive as written and run nothing. */
const HOSTILE = 'it\'s $HOME `id` $(id) "q"';

/**
 * The demo's config with zx recipes for mode node (a build function and a deploy function that
 * writes where it ran into `marker`), and mode copy with the string form beside it.
 */
function zxConfig(marker: string, options: { docker?: boolean } = {}): string {
  const build = options.docker
    ? // No Dockerfile: the function builds the image on the target, the Dockerfile on stdin.
      `async ({ $, snapshot, out, image }) => {
          await $\`\${esbuild} \${snapshot}/src/main.ts --bundle --platform=node --format=esm --log-level=warning --outfile=\${out}/service.mjs\`;
          await $\`echo "build on: \\\${SSH_CONNECTION:-this machine}" >> \${${JSON.stringify(marker)}}\`;
          const dockerfile = "FROM ${NODE_BASE_IMAGE}\\nWORKDIR /app\\nCOPY service.mjs /app/service.mjs\\nCMD [\\"node\\", \\"/app/service.mjs\\"]\\n";
          await $({ input: dockerfile })\`docker build --quiet --label org.staging.test=zx --tag \${image} --file - \${out}\`;
        }`
    : `async ({ $, snapshot, out }) => {
          await $\`\${esbuild} \${snapshot}/src/main.ts --bundle --platform=node --format=esm --log-level=warning --outfile=\${out}/service.mjs\`;
          await $\`echo "build on: \\\${SSH_CONNECTION:-this machine}" >> \${${JSON.stringify(marker)}}\`;
        }`;
  return `import { createRequire } from "node:module";
import { defineConfig } from ${JSON.stringify(join(REPO, "src/public/index.js"))};

const esbuild = createRequire(${JSON.stringify(join(REPO, "package.json"))}).resolve("esbuild/bin/esbuild");

export default defineConfig({
  workspace: ".",
  requiredModes: ["node"],
  ${options.docker ? 'builder: "docker",' : ""}
  modes: {
    node: {
      build: {
        command: ${build},
      },
      deploy: {
        command: async ({ $, version }) => {
          await $\`printf '%s %s %s\\n' \${version} \${${JSON.stringify(HOSTILE)}} "\\\${SSH_CONNECTION:-this machine}" >> \${${JSON.stringify(marker)}}\`;
          return ${options.docker ? '["node", "/app/service.mjs"]' : '["node", "{artifact}/service.mjs"]'};
        },
      },
    },
    copy: { build: { command: ["cp", "-R", "{snapshot}/src", "{out}/src"] } },
  },
});
`;
}

interface Status {
  nodes: { id: string; state: string; reason: string }[];
  running: { version: string; mode: string; driver: string; url: string }[];
}

function status(cli: (...args: string[]) => { stdout: string }): Status {
  return JSON.parse(cli("status", "--json").stdout) as Status;
}

/** The nodes stale because their own recipe changed (not because an upstream will run). */
function staleByRecipe(s: Status): string[] {
  return s.nodes
    .filter((n) => n.state === "stale" && n.reason === "value changed: recipe")
    .map((n) => n.id)
    .sort();
}

function health(url: string): { version: string; mode: string } {
  return JSON.parse(execFileSync("curl", ["-s", `${url}/health`], { encoding: "utf8" })) as {
    version: string;
    mode: string;
  };
}

describe("recipes as zx scripts, on this machine", () => {
  it("build and deploy the demo, and an edit to one makes exactly its nodes stale", () => {
    const ws = demoWorkspace();
    const marker = join(ws, "marker.txt");
    const config = join(ws, "staging.config.ts");
    writeFileSync(config, zxConfig(marker));
    const cli = (...args: string[]) => runCli(args, { cwd: ws });
    try {
      const made = cli(
        "make",
        "deploy:baseline:node",
        "deploy:candidate:node",
        "images:candidate",
        "images:baseline",
        "--json",
      );
      expect(made.code, made.stderr).toBe(0);
      const running = status(cli).running.find((r) => r.version === "candidate")!;
      expect(running.driver).toBe("process");
      expect(health(running.url)).toMatchObject({ version: "candidate", mode: "node" });
      expect(readFileSync(marker, "utf8").split("\n").sort()).toEqual(
        [
          "",
          "build on: this machine",
          "build on: this machine",
          `baseline ${HOSTILE} this machine`,
          `candidate ${HOSTILE} this machine`,
        ].sort(),
      );
      expect(staleByRecipe(status(cli))).toEqual([]);

      writeFileSync(
        config,
        readFileSync(config, "utf8").replace("printf '%s %s %s\\n'", "printf '%s %s (%s)\\n'"),
      );
      expect(staleByRecipe(status(cli))).toEqual(["deploy:baseline:node", "deploy:candidate:node"]);

      writeFileSync(config, readFileSync(config, "utf8").replace("--log-level=warning", "--log-level=error"));
      const s = status(cli);
      // The deploys are stale too, now said for the image they will run.
      expect(staleByRecipe(s)).toEqual(["image:baseline:node", "image:candidate:node"]);
      for (const id of ["deploy:baseline:node", "deploy:candidate:node"])
        expect(s.nodes.find((n) => n.id === id)?.state, id).toBe("stale");
      // The string-form mode beside it, and the snapshots, are untouched.
      for (const id of [
        "image:baseline:copy",
        "image:candidate:copy",
        "fingerprint:baseline",
        "fingerprint:candidate",
      ])
        expect(s.nodes.find((n) => n.id === id)?.state, id).toBe("up to date");
    } finally {
      expect(cli("down").code).toBe(0);
    }
  }, 180_000);

  it("a failing build function names the recipe, the exit code and the log's last lines", () => {
    const ws = demoWorkspace();
    const config = join(ws, "staging.config.ts");
    writeFileSync(
      config,
      zxConfig(join(ws, "marker.txt")).replace(
        "await $`${esbuild}",
        // A function, so that `$\`` in the replacement is not a pattern of String.replace.
        () => "await $`echo compiler says no >&2; exit 3`; await $`${esbuild}",
      ),
    );
    const result = runCli(["make", "image:candidate:node"], { cwd: ws });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: The node build of candidate failed: a command exited 3 (compiler says no)",
    );
    expect(result.stderr).toMatch(/recipe: +modes\.node\.build\.command \(a function\)/);
    expect(result.stderr).toMatch(/last lines: +.*compiler says no/s);
  });

  it("a deploy function that returns no argv is refused with the field and what is expected", () => {
    const ws = demoWorkspace();
    const config = join(ws, "staging.config.ts");
    writeFileSync(
      config,
      zxConfig(join(ws, "marker.txt")).replace('return ["node", "{artifact}/service.mjs"];', "return;"),
    );
    const result = runCli(["make", "deploy:candidate:node"], { cwd: ws });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The deploy function of mode node returned no command to run");
    expect(result.stderr).toMatch(/field: +modes\.node\.deploy\.command/);
  });
});

const docker = requireOrSkip(
  dockerAvailable() && dockerImageExists(NODE_BASE_IMAGE),
  `dockerd and ${NODE_BASE_IMAGE}`,
);

describe.runIf(docker)("recipes as zx scripts, over SSH (the loopback sshd)", () => {
  it("build the demo's image and deploy it on the target, their commands run over SSH", () => {
    const sshd = testSshd();
    if (!requireOrSkip(sshd !== undefined, "the test sshd")) return;
    const ws = demoWorkspace();
    const marker = join(ws, "marker.txt");
    writeFileSync(join(ws, "staging.config.ts"), zxConfig(marker, { docker: true }));
    const flags = ["--target", sshd!.url, "--identity", sshd!.identity, "--known-hosts", sshd!.knownHosts];
    const env = { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") };
    const cli = (...args: string[]) => runCli([...flags, ...args], { cwd: ws, env });
    try {
      const made = cli("make", "deploy:candidate:node", "--json");
      expect(made.code, made.stderr).toBe(0);
      const running = status(cli).running.find((r) => r.version === "candidate")!;
      expect(running.driver).toBe("docker");
      expect(health(running.url)).toMatchObject({ version: "candidate", mode: "node" });
      // SSH_CONNECTION is set by sshd: both functions ran there, the deploy's value quoted whole.
      const lines = readFileSync(marker, "utf8").trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^build on: 127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+$/);
      expect(lines[1]).toMatch(
        new RegExp(
          `^candidate ${HOSTILE.replace(/[$`()"]/g, "\\$&")} 127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 \\d+$`,
        ),
      );
    } finally {
      expect(cli("down").code).toBe(0);
      const images = execFileSync("docker", ["images", "-q", "--filter", "label=org.staging.test=zx"], {
        encoding: "utf8",
      }).trim();
      if (images) execFileSync("docker", ["rmi", "-f", ...new Set(images.split("\n"))]);
    }
  }, 180_000);
});
