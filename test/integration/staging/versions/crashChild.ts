// Spawned by crash.test.ts: changes the workspace in a loop until it is killed with SIGKILL.
import { applyPromotion, createVersion, markVersion } from "../../../../src/staging/versions/index.js";
import { openWorkspace } from "../../../../src/staging/workspace/index.js";

const root = process.argv[2];
if (!root) throw new Error("usage: crashChild.ts <workspace>");
const ws = await openWorkspace(root, { requiredModes: ["jvm", "native"] });
process.stdout.write("ready\n");
for (let i = 1; ; i += 1) {
  const slug = `v${process.pid}-${i}`;
  await createVersion(ws, { slug, from: "baseline", now: new Date() });
  process.stdout.write("created\n");
  await markVersion(ws, slug, "candidate");
  process.stdout.write("candidate\n");
  await markVersion(ws, slug, "rejected");
  process.stdout.write("rejected\n");
  await markVersion(ws, slug, "candidate");
  process.stdout.write("candidate-again\n");
  await applyPromotion(ws, { candidate: slug, campaignId: `c-${i}`, now: new Date(), forced: false });
  process.stdout.write("promoted\n");
}
