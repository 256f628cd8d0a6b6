import type { MakeOptions } from "./make.js";
import type { NodeRef } from "./NodeRef.js";
import type { NodeOutcome } from "./RunSummary.js";
import { Semaphore } from "./Semaphore.js";
import type { TaskGraph } from "./TaskGraph.js";
import type { TaskNode } from "./TaskNode.js";

/** How far a node's dynamic dependencies could be named. */
export type DynamicResolution =
  | { kind: "ok" }
  /** An output it reads is being made: visit it again next wave. */
  | { kind: "wait" }
  /** A dry run cannot know the output it reads. */
  | { kind: "unknown"; id: string }
  /** An output it reads will not come: a dependency failed. */
  | { kind: "blocked"; reason: string }
  | { kind: "failed"; reason: string };

/** Thrown by an output reader for a node whose output is not known yet. */
class NotMade extends Error {
  constructor(readonly id: string) {
    super(`${id} is not made yet`);
  }
}

/** Mutable bookkeeping of one `make`, shared by the node visits of every wave. */
export class RunState {
  readonly outcomes = new Map<string, NodeOutcome>();
  readonly outputs = new Map<string, unknown>();
  readonly digests = new Map<string, string>();
  readonly slots: Semaphore;
  readonly signal: AbortSignal;
  private readonly pools = new Map<string, Semaphore>();
  /** Dynamic deps as named once the outputs they read were known. */
  private readonly resolved = new Map<string, readonly string[]>();
  /** What a node waits for before its next visit: outputs it read, uses it needs to run. */
  private readonly needs = new Map<string, Set<string>>();
  private firstFailure: string | undefined;
  private changes = 0;

  constructor(
    private readonly options: MakeOptions,
    private readonly graph: TaskGraph,
  ) {
    this.slots = new Semaphore(options.concurrency ?? 4);
    this.signal = options.signal ?? new AbortController().signal;
  }

  /** The targets' closure over every dependency known so far. */
  closure(targets: readonly string[]): string[] {
    return this.graph.closure(targets, (node) => this.depsOf(node));
  }

  /** Static deps, dynamic deps named so far, and what the node waits for. */
  depsOf(node: TaskNode): string[] {
    const out = new Set([...node.deps, ...(this.resolved.get(node.id) ?? [])]);
    for (const id of this.needs.get(node.id) ?? []) out.add(id);
    return [...out];
  }

  /** The deps whose output digests enter the node's key. */
  keyDeps(node: TaskNode): string[] {
    return [...new Set([...node.deps, ...(this.resolved.get(node.id) ?? [])])];
  }

  /** Names a node's dynamic deps, or says why it cannot yet. */
  resolveDynamic(node: TaskNode): DynamicResolution {
    if (!node.dynamicDeps || this.resolved.has(node.id)) return { kind: "ok" };
    // What the function read is a dependency too: another output there could name other deps.
    const read: string[] = [];
    let named: readonly string[];
    try {
      named = node.dynamicDeps(<T>(ref: NodeRef<T>): T => {
        const output = this.read(ref) as T;
        read.push(ref.id);
        return output;
      });
    } catch (error) {
      if (!(error instanceof NotMade)) return { kind: "failed", reason: messageOf(error) };
      const outcome = this.outcomes.get(error.id);
      if (outcome?.status === "would-run") {
        // A dry run shows the node after what it read: the rest cannot be known yet.
        this.resolved.set(node.id, [...new Set([...read, error.id])]);
        return { kind: "unknown", id: error.id };
      }
      if (outcome) return { kind: "blocked", reason: `dependency ${error.id} ${outcome.status}` };
      this.need(node.id, [error.id]);
      return { kind: "wait" };
    }
    const ids = [...new Set([...read, ...named])];
    const missing = ids.find((id) => !this.graph.has(id));
    if (missing) return { kind: "failed", reason: `needs ${missing}, which is not in the graph` };
    this.resolved.set(node.id, ids);
    this.needs.delete(node.id);
    this.changes++;
    return ids.every((id) => this.outcomes.has(id)) ? { kind: "ok" } : { kind: "wait" };
  }

  /** True when every `uses` of the node has an outcome; else they are asked for. */
  haveUses(node: TaskNode): boolean {
    const missing = (node.uses ?? []).filter((id) => !this.outcomes.has(id));
    if (missing.length === 0) return true;
    this.need(node.id, missing);
    return false;
  }

  /** Records a known output, and adds the nodes it declares to the graph. */
  known(node: TaskNode, output: unknown, digest: string): void {
    this.outputs.set(node.id, output);
    this.digests.set(node.id, digest);
    if (node.expand) this.graph.add(node.expand(output));
  }

  /** The first thing a node still waits for, for messages. */
  waitingOn(node: TaskNode): string | undefined {
    return [...this.depsOf(node), ...(node.uses ?? [])].find((id) => !this.outcomes.has(id));
  }

  /** Changes with every outcome and every newly named dependency: a wave that leaves it equal is stuck. */
  progressMark(): number {
    return this.changes;
  }

  pool(name: string): Semaphore {
    let pool = this.pools.get(name);
    if (!pool) this.pools.set(name, (pool = new Semaphore(this.options.pools?.[name] ?? 1)));
    return pool;
  }

  finish(outcome: NodeOutcome): void {
    this.outcomes.set(outcome.id, outcome);
    this.changes++;
    if (outcome.status === "failed" && !this.firstFailure) this.firstFailure = outcome.id;
    this.options.reporter?.finished?.(outcome, this.outputs.get(outcome.id));
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

  private read(ref: NodeRef<unknown>): unknown {
    if (this.outputs.has(ref.id)) return this.outputs.get(ref.id);
    if (!this.graph.has(ref.id)) throw new Error(`reads ${ref.id}, which is not in the graph`);
    throw new NotMade(ref.id);
  }

  private need(id: string, ids: readonly string[]): void {
    const set = this.needs.get(id) ?? new Set<string>();
    for (const need of ids) {
      if (set.has(need)) continue;
      set.add(need);
      this.changes++;
    }
    this.needs.set(id, set);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
