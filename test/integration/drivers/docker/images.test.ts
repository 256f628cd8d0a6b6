import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerCli, BUILD_LOG_TAIL } from "../../../../src/drivers/docker/index.js";
import { StagingError } from "../../../../src/errors/index.js";
import type { Target } from "../../../../src/targets/Target.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import {
  NODE_BASE_IMAGE,
  dockerAvailable,
  dockerImageExists,
  removeTestImages,
  testRunId,
} from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const hasDocker = requireOrSkip(dockerAvailable(), "dockerd (scripts/ci/start-dockerd.sh)");
const hasBase =
  hasDocker &&
  requireOrSkip(dockerImageExists(NODE_BASE_IMAGE), `${NODE_BASE_IMAGE} (scripts/make-base-images.sh)`);

describe.skipIf(!hasDocker)("DockerCli images", () => {
  const run = testRunId();
  const tags: string[] = [];
  let target: Target;
  let docker: DockerCli;

  beforeAll(() => {
    target = new LocalTarget();
    docker = new DockerCli(target);
  });

  afterAll(async () => {
    removeTestImages(tags);
    await target.close();
  });

  function tag(name: string): string {
    const ref = `staging-test/${name}:${run}`;
    tags.push(ref);
    return ref;
  }

  it("answers with the daemon's version", async () => {
    expect(await docker.serverVersion()).toMatch(/^\d+\.\d+/);
  });

  it("builds an image FROM scratch, finds its id, and forgets it after removal", async () => {
    const dir = useTmpDir({
      "ctx/Dockerfile":
        'FROM scratch\nCOPY hello.txt /hello.txt\nLABEL org.staging.test=yes\nCMD ["/none"]\n',
      "ctx/hello.txt": `hello ${run}\n`,
    });
    const ref = tag("scratch");
    const logFile = join(dir, "build.log");
    const id = await docker.build({
      contextDir: join(dir, "ctx"),
      dockerfile: join(dir, "ctx", "Dockerfile"),
      tag: ref,
      buildArgs: { UNUSED: "x y; z" },
      logFile,
    });
    expect(id).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(await docker.imageId(ref)).toBe(id);
    expect(await docker.imageId(id)).toBe(id);
    expect(readFileSync(logFile, "utf8")).toMatch(/Step 1\/4 : FROM scratch|FROM scratch/);

    expect(await docker.removeImage(ref)).toBe(true);
    expect(await docker.imageId(ref)).toBeNull();
    expect(await docker.removeImage(ref)).toBe(false);
  });

  it("rebuilding the same context gives the same id (the legacy builder's cache)", async () => {
    const dir = useTmpDir({ Dockerfile: "FROM scratch\nCOPY a /a\n", a: "same\n" });
    const ref = tag("cached");
    const options = {
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag: ref,
      logFile: join(dir, "log"),
    };
    const first = await docker.build(options);
    expect(await docker.build(options)).toBe(first);
  });

  it("reports a failing build with its log tail and the log's path", async () => {
    const dir = useTmpDir({ "ctx/Dockerfile": "FROM scratch\nCOPY missing-file.txt /x\n" });
    const logFile = join(dir, "image.log");
    const error = await docker
      .build({
        contextDir: join(dir, "ctx"),
        dockerfile: join(dir, "ctx", "Dockerfile"),
        tag: tag("broken"),
        logFile,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(StagingError);
    const staging = error as StagingError;
    expect(staging.code).toBe("E_IMAGE_BUILD");
    expect(staging.exitCode).toBe(1);
    expect(staging.facts.log).toBe(logFile);
    const text = staging.format();
    expect(text).toContain("missing-file.txt");
    expect(text).toContain(logFile);
    expect(readFileSync(logFile, "utf8")).toContain("missing-file.txt");
  });

  it.skipIf(!hasBase)("keeps only the last lines of a long failing build", async () => {
    const dir = useTmpDir({
      Dockerfile: `FROM ${NODE_BASE_IMAGE}\nRUN for i in $(seq 1 60); do echo "line-$i"; done; echo ${run}; exit 3\n`,
    });
    const logFile = join(dir, "build.log");
    const error = (await docker
      .build({ contextDir: dir, dockerfile: join(dir, "Dockerfile"), tag: tag("long"), logFile })
      .catch((e: unknown) => e)) as StagingError;
    expect(error.code).toBe("E_IMAGE_BUILD");
    const tail = String(error.facts[`last ${BUILD_LOG_TAIL} lines`]);
    expect(tail.split("\n")).toHaveLength(BUILD_LOG_TAIL);
    expect(tail).toContain("line-60");
    expect(tail).not.toContain("line-1\n");
    expect(readFileSync(logFile, "utf8")).toContain("line-1\n");
    // The failed step's container is not left behind.
    const ps = spawnSync("docker", ["ps", "--all", "--no-trunc", "--format", "{{.Command}}"], {
      encoding: "utf8",
    });
    expect(ps.stdout).not.toContain(run);
  });

  it("says the daemon is unavailable, with a hint, when it does not answer", async () => {
    const down = new DockerCli(target, { env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    const error = (await down.imageId("staging-base/node:20").catch((e: unknown) => e)) as StagingError;
    expect(error).toBeInstanceOf(StagingError);
    expect(error.code).toBe("E_DOCKER_UNAVAILABLE");
    expect(error.hint).toMatch(/docker info/);
    expect(error.format()).toContain("Cannot connect to the Docker daemon");
  });

  it("says docker is unavailable when the client is not installed", async () => {
    const missing = new DockerCli(target, { binary: "docker-not-installed-here" });
    const error = (await missing.imageId("x:1").catch((e: unknown) => e)) as StagingError;
    expect(error.code).toBe("E_DOCKER_UNAVAILABLE");
    expect(error.hint).toMatch(/install docker/);
  });

  it("refuses an invalid tag before running anything", async () => {
    await expect(
      docker.build({ contextDir: ".", dockerfile: "Dockerfile", tag: "Not A Tag", logFile: "/dev/null" }),
    ).rejects.toMatchObject({ code: "E_DOCKER_NAME" });
    await expect(docker.imageId("--all")).rejects.toMatchObject({ code: "E_DOCKER_NAME" });
  });
});
