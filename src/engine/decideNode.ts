import { computeManifest } from "./computeManifest.js";
import { describeChanges, diffManifests } from "./diffManifests.js";
import type { FileHasher } from "./FileHasher.js";
import type { InputManifest } from "./InputManifest.js";
import type { NodeRecord } from "./NodeRecord.js";
import type { ReasonKind } from "./RunSummary.js";
import type { Store } from "./Store.js";
import type { TaskNode } from "./TaskNode.js";

/** Whether a node must run, and why: the one place that decides staleness. */
export type Decision =
  | { run: false; manifest: () => InputManifest; key: string; stored: NodeRecord }
  | {
      run: true;
      manifest: () => InputManifest;
      manifestJson: () => string[];
      key: string;
      inputDigests: Readonly<Record<string, string>>;
      stored: NodeRecord | undefined;
      reason: string;
      reasonKind: ReasonKind;
    };

export interface DecideContext {
  store: Store;
  hasher: FileHasher;
  env: Readonly<Record<string, string | undefined>>;
  upstreamDigests: Readonly<Record<string, string>>;
  upstreamOutputs: Readonly<Record<string, unknown>>;
  forced: boolean;
  interruptedBefore: boolean;
  signal: AbortSignal;
}

export async function decideNode(node: TaskNode, ctx: DecideContext): Promise<Decision> {
  const { key, manifest, manifestJson, inputDigests } = await computeManifest(
    node,
    ctx.hasher,
    ctx.env,
    ctx.upstreamDigests,
  );
  const stored = await ctx.store.get(node.id);
  const stale = (reasonKind: ReasonKind, reason: string): Decision => ({
    run: true,
    manifest,
    manifestJson,
    key,
    inputDigests,
    stored,
    reason,
    reasonKind,
  });
  if (ctx.forced) return stale("forced", "forced");
  if (!stored)
    return ctx.interruptedBefore
      ? stale("interrupted", "interrupted before it completed")
      : stale("never-run", "never run");
  if (stored.key !== key) {
    const before = await ctx.store.getManifest(node.id);
    return stale(
      "inputs-changed",
      before ? describeChanges(diffManifests(before, manifest())) : "inputs changed",
    );
  }
  if (node.check) {
    const verdict = await node.check(stored, { signal: ctx.signal, upstream: ctx.upstreamOutputs });
    if (!verdict.ok) return stale("live-check", `live check: ${verdict.reason}`);
  }
  return { run: false, manifest, key, stored };
}
