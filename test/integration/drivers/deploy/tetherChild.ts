// A stand-in for a staging process that started a service: it deploys one (from the JSON in
// argv[2]), prints the deployment as one JSON line, then idles until it is killed.
import { DockerCli } from "../../../../src/drivers/docker/index.js";
import {
  DockerDeployDriver,
  ProcessDeployDriver,
  targetHealthFetcher,
  type DeploySpec,
} from "../../../../src/drivers/deploy/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import { SshTarget, type SshTargetOptions } from "../../../../src/targets/ssh/SshTarget.js";

interface Request {
  driver: "process" | "docker";
  spec: DeploySpec;
  /** Docker over SSH: the options of the target; absent for this machine. */
  ssh?: SshTargetOptions;
  labels?: Record<string, string>;
  /** Stop it again and end on its own, with nothing else keeping this process alive. */
  stopAndEnd?: boolean;
}

const request = JSON.parse(process.argv[2] ?? "{}") as Request;
const target = request.ssh ? new SshTarget(request.ssh) : new LocalTarget();
const driver =
  request.driver === "process"
    ? new ProcessDeployDriver({ stateDir: request.spec.stateDir, workspaceId: request.spec.workspaceId })
    : new DockerDeployDriver({
        docker: new DockerCli(target),
        workspaceId: request.spec.workspaceId,
        ...(request.labels ? { labels: request.labels } : {}),
        ...(request.ssh ? { healthFetcher: targetHealthFetcher(target) } : {}),
      });
const dep = await driver.start(request.spec);
process.stdout.write(JSON.stringify(dep) + "\n");
if (request.stopAndEnd) {
  await driver.stop(dep);
  process.stdout.write("stopped\n");
} else setInterval(() => {}, 60_000);
