import { PGraph } from "p-graph";
import type { Clock } from "./Clock.js";
import { decideNode } from "./decideNode.js";
import { evaluatePure, executeNode } from "./executeNode.js";
import type { FileHasher } from "./FileHasher.js";
import type { Reporter } from "./Reporter.js";
import type { NodeOutcome, NodeStatus, RunSummary } from "./RunSummary.js";
import { RunState } from "./RunState.js";
import { anySelectorMatches } from "./selectors.js";
import type { Store } from "./Store.js";
import type { TaskGraph } from "./TaskGraph.js";

export interface MakeOptions {
  store: Store;
  hasher: FileHasher;
  clock: Clock;
  /** The environment nodes may read (only declared variables enter keys). */
  env: Readonly<Record<string, string | undefined>>;
  runId: string;
  reporter?: Reporter;
  /** Nodes working at once. @default 4 */
  concurrency?: number;
  /** Pool name -> how many of its nodes may run at once. Unlisted pools take 1. */
  pools?: Readonly<Record<string, number>>;
  /** Selectors (ids or globs) of nodes to run even when up to date. */
  force?: readonly string[];
  /** Go on with independent nodes after a failure. @default false */
  keepGoing?: boolean;
  /** Decide and report, run nothing, write nothing (pure nodes are evaluated in memory). @default false */
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface MakeResult {
  summary: RunSummary;
  outputs: ReadonlyMap<string, unknown>;
  /** Output digests of the nodes whose output is known (up to date, executed, or evaluated in a dry run). */
  digests: ReadonlyMap<string, string>;
  /** Every node's dependencies as this make found them, dynamic ones included. */
  deps: ReadonlyMap<string, readonly string[]>;
  executed: string[];
  upToDate: string[];
  failed: string[];
  skipped: string[];
  interrupted: string[];
  wouldRun: string[];
}

/**
 * Brings the targets up to date, running exactly the stale nodes they need.
 *
 * It works in waves. Each wave runs the nodes whose dependencies are known, in dependency order
 * (p-graph). A node that reads an output not made yet (`dynamicDeps`), or that must run and needs
 * the outputs of its `uses`, is set aside; the next wave makes what it asked for and visits it
 * again. Nodes declared by outputs (`expand`) join the graph as soon as those outputs are known.
 */
export async function make(
  graph: TaskGraph,
  targets: readonly string[],
  options: MakeOptions,
): Promise<MakeResult> {
  const state = new RunState(options, graph);
  const interruptedBefore = new Set(options.dryRun ? [] : await options.store.inflight());
  const startedAt = options.clock.now().toISOString();
  let ids: string[] = [];
  const summaryOf = (finished: boolean): RunSummary => ({
    runId: options.runId,
    startedAt,
    finishedAt: finished ? options.clock.now().toISOString() : null,
    targets: [...targets],
    dryRun: options.dryRun ?? false,
    nodes: ids.flatMap((id) => state.outcomes.get(id) ?? []),
  });
  // The summary is also written while the make runs (at once after an expensive node, else at most
  // once a second), so a killed make still tells which nodes it completed.
  let lastWrite = options.clock.monotonicMs();
  let writing = Promise.resolve();
  const progress = (expensive: boolean): Promise<void> => {
    if (options.dryRun || (!expensive && options.clock.monotonicMs() - lastWrite < 1000)) return writing;
    lastWrite = options.clock.monotonicMs();
    // Serialised, so an older summary never lands after a newer one.
    writing = writing.then(async () => {
      await options.store.flush();
      await options.store.writeRunSummary(summaryOf(false));
    });
    return writing;
  };

  for (;;) {
    ids = state.closure(targets);
    options.reporter?.planned?.(ids);
    const wave = ids.filter((id) => !state.outcomes.has(id));
    if (wave.length === 0) break;
    const before = state.progressMark();
    const inWave = new Set(wave);
    const nodeMap = new Map(wave.map((id) => [id, { priority: graph.get(id).priority ?? 0 }]));
    const edges: [string, string][] = wave.flatMap((id) => {
      const node = graph.get(id);
      return [...state.depsOf(node), ...(node.after ?? [])]
        .filter((dep) => inWave.has(dep))
        .map((dep): [string, string] => [dep, id]);
    });
    const closure = new Set(ids);
    await new PGraph(nodeMap, edges).run({ run: (id) => visit(id, closure) });
    if (state.progressMark() === before) break;
  }
  // Nodes still without an outcome wait for outputs nobody could make: a dry run cannot know
  // them, and a real run stopped before them.
  for (const id of ids) {
    if (state.outcomes.has(id)) continue;
    const waitingOn = state.waitingOn(graph.get(id));
    state.finish({
      id,
      status: options.dryRun ? "would-run" : "skipped",
      reason: options.dryRun
        ? `after ${waitingOn ?? "its upstream"} runs`
        : state.stopping()
          ? state.stopReason()
          : `waiting on ${waitingOn ?? "its upstream"}`,
      durationMs: 0,
    });
  }
  await writing;
  const summary = summaryOf(true);
  if (!options.dryRun) {
    await options.store.flush();
    await options.store.writeRunSummary(summary);
  }
  return {
    summary,
    outputs: state.outputs,
    digests: state.digests,
    deps: new Map(ids.map((id) => [id, depsShown(id)])),
    ...byStatus(summary.nodes),
  };

  /** A node's dependencies as this make found them: a node that ran (or would) used its uses too. */
  function depsShown(id: string): string[] {
    const node = graph.get(id);
    const ran = state.outcomes.get(id)?.status !== "up-to-date";
    return [...new Set([...state.depsOf(node), ...(ran ? (node.uses ?? []) : [])])];
  }

  async function visit(id: string, closure: ReadonlySet<string>): Promise<void> {
    const node = graph.get(id);
    if (state.depsOf(node).some((dep) => !state.outcomes.has(dep))) return;
    if ((node.after ?? []).some((a) => closure.has(a) && !state.outcomes.has(a))) return;
    const blocked = state.blockedBy(state.depsOf(node));
    if (blocked) return state.finish({ id, status: "skipped", reason: blocked, durationMs: 0 });
    const resolved = state.resolveDynamic(node);
    if (resolved.kind === "wait") return;
    if (resolved.kind === "unknown")
      return state.finish({
        id,
        status: "would-run",
        reason: `after ${resolved.id} runs`,
        reasonKind: "upstream",
        durationMs: 0,
      });
    if (resolved.kind === "blocked")
      return state.finish({ id, status: "skipped", reason: resolved.reason, durationMs: 0 });
    if (resolved.kind === "failed")
      return state.finish({
        id,
        status: "failed",
        reason: resolved.reason,
        durationMs: 0,
        error: resolved.reason,
      });
    const keyDeps = state.keyDeps(node);
    const forced = anySelectorMatches(options.force ?? [], id);
    const pending = keyDeps.find((dep) => !state.digests.has(dep));
    if (pending) {
      return state.finish({
        id,
        status: "would-run",
        reason: forced ? "forced" : `upstream ${pending} would run`,
        reasonKind: forced ? "forced" : "upstream",
        durationMs: 0,
      });
    }
    let decision;
    try {
      const release = await state.slots.acquire(node.priority ?? 0);
      try {
        decision = await decideNode(node, {
          ...options,
          upstreamDigests: state.digestsOf(keyDeps),
          upstreamOutputs: state.outputsOf(keyDeps),
          forced,
          interruptedBefore: interruptedBefore.has(id),
          signal: state.signal,
        });
      } finally {
        release();
      }
    } catch (error) {
      return state.finish({
        id,
        status: "failed",
        reason: "could not read its inputs",
        durationMs: 0,
        error: errorText(error),
      });
    }
    if (!decision.run) {
      state.known(node, decision.stored.output, decision.stored.outputDigest);
      return state.finish({
        id,
        status: "up-to-date",
        reason: "up to date",
        reasonKind: "up-to-date",
        durationMs: 0,
      });
    }
    if (!state.haveUses(node)) return;
    const usesBlocked = state.blockedBy(node.uses ?? []);
    if (usesBlocked) return state.finish({ id, status: "skipped", reason: usesBlocked, durationMs: 0 });
    if (options.dryRun) {
      if (node.pure && (node.uses ?? []).every((u) => state.outputs.has(u)))
        return state.finish(await evaluatePure(node, decision, state));
      return state.finish({
        id,
        status: "would-run",
        reason: decision.reason,
        reasonKind: decision.reasonKind,
        durationMs: 0,
      });
    }
    if (state.stopping())
      return state.finish({ id, status: "skipped", reason: state.stopReason(), durationMs: 0 });
    const outcome = await executeNode(node, decision, state, options);
    state.finish(outcome);
    await progress(node.cost === "expensive");
  }
}

function byStatus(nodes: NodeOutcome[]) {
  const pick = (s: NodeStatus) => nodes.filter((n) => n.status === s).map((n) => n.id);
  return {
    executed: pick("executed"),
    upToDate: pick("up-to-date"),
    failed: pick("failed"),
    skipped: pick("skipped"),
    interrupted: pick("interrupted"),
    wouldRun: pick("would-run"),
  };
}

export function errorText(error: unknown): string {
  if (error && typeof error === "object" && "format" in error && typeof error.format === "function") {
    return String((error as { format(): string }).format());
  }
  return error instanceof Error ? error.message : String(error);
}
