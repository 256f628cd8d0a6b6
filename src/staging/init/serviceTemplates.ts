/** How the service folder looks to init: a Node package (with what starts it), or anything else. */
export type ServiceKind =
  { kind: "node"; start: "npm-start" | { main: string }; lockfile: boolean } | { kind: "other" };

/** staging.config.ts for a service of one's own: one mode, zx recipes to edit. */
export function serviceConfig(service: ServiceKind, serviceName: string): string {
  const mode = service.kind === "node" ? "node" : "service";
  return `import { defineConfig } from "staging";

/**
 * The workspace of ${serviceName}: its versions in versions/ (each one a snapshot of the service,
 * made by \`staging create-version\`) and the pinned benchmark in benchmark/benchmark.yaml.
 *
 * Recipes are zx scripts: \`$\` runs a command on the machine the step runs on, each \${value} passed
 * as one word. Their text is part of the cache keys: edit one and only its images or deployments
 * rebuild. The service must listen on 127.0.0.1:$PORT and answer GET /health with 200 and
 * {"build_fingerprint": "<$STAGING_BUILD_FINGERPRINT>"}, so staging knows the version it started is up.
 * More in node_modules/staging/README.md, "Your own service".
 */
export default defineConfig({
  workspace: ".",
  modes: {
    ${mode}: {
      build: {
${buildBody(service)}
      },
      deploy: {
${deployBody(service)}
      },
    },
  },
});
`;
}

function buildBody(service: ServiceKind): string {
  const install =
    service.kind === "node"
      ? `\n          await $\`npm ${service.lockfile ? "ci" : "install"} --no-audit --no-fund\`;\n          await $\`npm run build --if-present\`;`
      : "\n          // Compile here if the service needs it; whatever is in out is what runs.";
  return `        // Writes what runs into \`out\` (the working folder of $), from the version's snapshot.
        command: async ({ $, snapshot, out }) => {
          await $\`cp -R \${snapshot}/. \${out}\`;${install}
        },`;
}

function deployBody(service: ServiceKind): string {
  const argv =
    service.kind === "other"
      ? `// TODO: the command that starts the service ({artifact} is the built folder).
          return ["sh", "{artifact}/start.sh"];`
      : service.start === "npm-start"
        ? `return ["npm", "--prefix", "{artifact}", "start"];`
        : `return ["node", "{artifact}/${service.start.main}"];`;
  return `        // Returns the argv that starts the service; PORT and HOST are in its environment.
        command: async () => {
          ${argv}
        },`;
}

/** benchmark/benchmark.yaml for a service of one's own: one GET, the usual metrics. */
export function serviceBenchmark(mode: string): string {
  return `# The pinned benchmark: every campaign runs exactly this file, and editing it starts new campaigns.
# Its fields are in node_modules/staging/schemas/benchmark.schema.json, which editors read (first line).
platform_modes: [${mode}]
runs: 7
load:
  driver: autocannon
  warmup_s: 2
  duration_s: 10
  connections: 4
requests:
  # One entry per request the load sends, by weight. POST bodies come from a corpus file (JSON lines).
  home:
    method: GET
    path: /
metrics:
  p95: { direction: lower, noise_band: 0.05, critical: true }
  p99: { direction: lower, noise_band: 0.05 }
  fail_rate: { direction: lower, noise_band: 0.0, critical: true }
  throughput: { direction: higher, noise_band: 0.05, critical: true }
`;
}
