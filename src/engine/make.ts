import { PGraph } from "p-graph";
import type { Clock } from "./Clock.js";
import { decideNode, type Decision } from "./decideNode.js";
import { executeNode } from "./executeNode.js";
import type { FileHasher } from "./FileHasher.js";
import type { Reporter } from "./Reporter.js";
import type { NodeOutcome, NodeStatus, RunSummary } from "./RunSummary.js";
import { anySelectorMatches } from "./selectors.js";
import { Semaphore } from "./Semaphore.js";
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
  /** Decide and report, run nothing, write nothing. @default false */
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface MakeResult {
  summary: RunSummary;
  outputs: ReadonlyMap<string, unknown>;
  /** Output digests of the nodes whose output is known (up to date or executed). */
  digests: ReadonlyMap<string, string>;
  executed: string[];
  upToDate: string[];
  failed: string[];
  skipped: string[];
  interrupted: string[];
  wouldRun: string[];
}

/** Brings the targets up to date, running exactly the stale nodes they need. */
export async function make(
  graph: TaskGraph,
  targets: readonly string[],
  options: MakeOptions,
): Promise<MakeResult> {
  const ids = graph.closure(targets);
  const state = new RunState(options);
  const interruptedBefore = new Set(options.dryRun ? [] : await options.store.inflight());
  options.reporter?.planned?.(ids);
  const startedAt = options.clock.now().toISOString();
  const nodeMap = new Map(ids.map((id) => [id, { priority: graph.get(id).priority ?? 0 }]));
  const edges: [string, string][] = ids.flatMap((id) =>
    graph.get(id).deps.map((dep): [string, string] => [dep, id]),
  );
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
  await new PGraph(nodeMap, edges).run({
    run: (id) => visit(id),
  });
  await writing;
  const summary = summaryOf(true);
  const nodes = summary.nodes;
  if (!options.dryRun) {
    await options.store.flush();
    await options.store.writeRunSummary(summary);
  }
  return { summary, outputs: state.outputs, digests: state.digests, ...byStatus(nodes) };

  async function visit(id: string): Promise<void> {
    const node = graph.get(id);
    const blocked = state.blockedBy(node.deps);
    if (blocked) return state.finish({ id, status: "skipped", reason: blocked, durationMs: 0 });
    const forced = anySelectorMatches(options.force ?? [], id);
    const pending = node.deps.find((dep) => state.outcomes.get(dep)?.status === "would-run");
    if (pending && options.dryRun) {
      return state.finish({
        id,
        status: "would-run",
        reason: forced ? "forced" : `upstream ${pending} would run`,
        durationMs: 0,
      });
    }
    let decision: Decision;
    try {
      const release = await state.slots.acquire(node.priority ?? 0);
      try {
        decision = await decideNode(node, {
          ...options,
          upstreamDigests: state.digestsOf(node.deps),
          upstreamOutputs: state.outputsOf(node.deps),
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
      state.outputs.set(id, decision.stored.output);
      state.digests.set(id, decision.stored.outputDigest);
      return state.finish({ id, status: "up-to-date", reason: "up to date", durationMs: 0 });
    }
    if (options.dryRun)
      return state.finish({ id, status: "would-run", reason: decision.reason, durationMs: 0 });
    if (state.stopping())
      return state.finish({ id, status: "skipped", reason: state.stopReason(), durationMs: 0 });
    const outcome = await executeNode(node, decision, state, options);
    state.finish(outcome);
    await progress(node.cost === "expensive");
  }
}

/** Mutable bookkeeping of one `make`, shared by the node visits. */
export class RunState {
  readonly outcomes = new Map<string, NodeOutcome>();
  readonly outputs = new Map<string, unknown>();
  readonly digests = new Map<string, string>();
  readonly slots: Semaphore;
  private readonly pools = new Map<string, Semaphore>();
  private firstFailure: string | undefined;

  constructor(private readonly options: MakeOptions) {
    this.slots = new Semaphore(options.concurrency ?? 4);
    this.signal = options.signal ?? new AbortController().signal;
  }

  readonly signal: AbortSignal;

  pool(name: string): Semaphore {
    let pool = this.pools.get(name);
    if (!pool) this.pools.set(name, (pool = new Semaphore(this.options.pools?.[name] ?? 1)));
    return pool;
  }

  finish(outcome: NodeOutcome): void {
    this.outcomes.set(outcome.id, outcome);
    if (outcome.status === "failed" && !this.firstFailure) this.firstFailure = outcome.id;
    this.options.reporter?.finished?.(outcome);
  }

  stopping(): boolean {
    return this.signal.aborted || (this.firstFailure !== undefined && !this.options.keepGoing);
  }

  stopReason(): string {
    return this.signal.aborted
      ? "run interrupted"
      : `stopped after ${this.firstFailure} failed (use --keep-going)`;
  }

  blockedBy(deps: readonly string[]): string | undefined {
    for (const dep of deps) {
      const status = this.outcomes.get(dep)?.status;
      if (status === "failed" || status === "skipped" || status === "interrupted")
        return `dependency ${dep} ${status}`;
    }
    return undefined;
  }

  digestsOf(deps: readonly string[]): Record<string, string> {
    return Object.fromEntries(deps.map((d) => [d, this.digests.get(d)!]));
  }

  outputsOf(deps: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(deps.map((d) => [d, this.outputs.get(d)]));
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
