import { computeManifest } from "./computeManifest.js";
import type { Decision } from "./decideNode.js";
import { canonicalJson, sha256Hex } from "./hashing.js";
import { errorText, type MakeOptions } from "./make.js";
import { RECORD_FORMAT, type NodeRecord } from "./NodeRecord.js";
import type { NodeRef } from "./NodeRef.js";
import type { NodeOutcome } from "./RunSummary.js";
import type { RunState } from "./RunState.js";
import type { ActionContext, TaskNode } from "./TaskNode.js";

/**
 * Runs a stale node's action and records it. The record is written only after the action
 * completed and only if the inputs are unchanged afterwards (for an `outputFromKey` node, the
 * action itself answers for that); an interrupted node leaves no record.
 */
export async function executeNode(
  node: TaskNode,
  decision: Extract<Decision, { run: true }>,
  state: RunState,
  options: MakeOptions,
): Promise<NodeOutcome> {
  const releasePool = node.pool ? await state.pool(node.pool).acquire(node.priority ?? 0) : () => {};
  const releaseSlot = await state.slots.acquire(node.priority ?? 0);
  const base = { id: node.id, reason: decision.reason, reasonKind: decision.reasonKind };
  const t0 = options.clock.monotonicMs();
  const elapsed = () => Math.round(options.clock.monotonicMs() - t0);
  try {
    if (state.stopping()) return { ...base, status: "skipped", reason: state.stopReason(), durationMs: 0 };
    options.reporter?.started?.(node.id, decision.reason);
    await options.store.markInflight(node.id);
    let output: unknown;
    let changed = false;
    try {
      output = await node.action(actionContext(node, decision, state, options, () => (changed = true)));
    } catch (error) {
      await options.store.clearInflight(node.id);
      const status = state.signal.aborted ? "interrupted" : "failed";
      return { ...base, status, durationMs: elapsed(), error: errorText(error) };
    }
    const outputDigest = sha256Hex(canonicalJson(output ?? null));
    state.known(node, output, outputDigest);
    const staleAfterRun = node.outputFromKey
      ? changed
      : (await computeManifest(node, options.hasher, options.env, state.digestsOf(state.keyDeps(node))))
          .key !== decision.key;
    const outputUnchanged = decision.stored?.outputDigest === outputDigest;
    if (!staleAfterRun) {
      const now = options.clock.now().toISOString();
      const record: NodeRecord = {
        format: RECORD_FORMAT,
        id: node.id,
        key: decision.key,
        output: output ?? null,
        outputDigest,
        builtAt: now,
        changedAt: outputUnchanged && decision.stored ? decision.stored.changedAt : now,
        durationMs: elapsed(),
      };
      await options.store.put(record, decision.manifestJson());
    } else {
      options.reporter?.warn?.(
        `${node.id}: its inputs changed while it ran; it stays stale and reruns next time`,
      );
    }
    await options.store.clearInflight(node.id);
    return { ...base, status: "executed", durationMs: elapsed(), outputUnchanged, staleAfterRun };
  } finally {
    releaseSlot();
    releasePool();
  }
}

/**
 * A dry run's evaluation of a pure node: its action runs in memory, nothing is recorded, and its
 * output lets the nodes after it be decided (and the nodes it declares be shown).
 */
export async function evaluatePure(
  node: TaskNode,
  decision: Extract<Decision, { run: true }>,
  state: RunState,
): Promise<NodeOutcome> {
  const base = { id: node.id, reason: decision.reason, reasonKind: decision.reasonKind, durationMs: 0 };
  try {
    const output = await node.action(actionContext(node, decision, state, {}, () => {}));
    state.known(node, output, sha256Hex(canonicalJson(output ?? null)));
    return { ...base, status: "would-run" };
  } catch (error) {
    return { ...base, status: "failed", error: errorText(error) };
  }
}

function actionContext(
  node: TaskNode,
  decision: Extract<Decision, { run: true }>,
  state: RunState,
  options: Pick<MakeOptions, "reporter">,
  inputsChanged: () => void,
): ActionContext {
  const upstream = state.outputsOf([...state.keyDeps(node), ...(node.uses ?? [])]);
  return {
    id: node.id,
    signal: state.signal,
    upstream,
    get: <T>(ref: NodeRef<T>): T => {
      if (!(ref.id in upstream)) throw new Error(`${node.id} reads ${ref.id}, which is not upstream of it`);
      return upstream[ref.id] as T;
    },
    previous: decision.stored,
    reason: decision.reason,
    reasonKind: decision.reasonKind,
    inputDigests: decision.inputDigests,
    inputsChanged,
    log: (line) => options.reporter?.log?.(node.id, line),
  };
}
