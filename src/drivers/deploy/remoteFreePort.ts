import { StagingError } from "../../errors/index.js";
import type { Target } from "../../targets/Target.js";

/** A free port on the target itself (a port free here says nothing about a VM). */
export async function remoteFreePort(target: Target): Promise<number> {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  const result = await target.run(["node", "-e", script], { timeoutMs: 30_000 });
  const port = Number(result.stdout.trim());
  if (result.exitCode !== 0 || !Number.isInteger(port) || port <= 0) {
    throw new StagingError("Could not find a free port on the target", {
      code: "E_DEPLOY_PORT",
      exitCode: 1,
      facts: { target: target.name, stderr: result.stderr.trim().slice(-500) },
      hint: "the target needs node on its PATH to pick ports and probe health",
    });
  }
  return port;
}
