import { join } from "node:path";
import { TaskGraph } from "../../engine/TaskGraph.js";
import { taskNode } from "../../engine/defineTask.js";
import type { TaskNode } from "../../engine/TaskNode.js";
import { fingerprintTask } from "../../../tasks/fingerprint.js";

/** What the graph is built from: the workspace's versions as found on disk. */
export interface GraphInputs {
  workspace: string;
  slugs: readonly string[];
}

/** Every node of the workspace: a fingerprint per version (images, deploys and campaigns join later). */
export function buildWorkspaceGraph(inputs: GraphInputs): TaskGraph {
  const nodes: TaskNode[] = [];
  for (const slug of inputs.slugs) {
    nodes.push(taskNode(fingerprintTask, { slug, snapshotDir: join(inputs.workspace, "versions", slug, "snapshot") }));
  }
  return new TaskGraph(nodes);
}
