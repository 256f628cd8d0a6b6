/**
 * A typed reference to a node: its id, and (in the type only) the output it records. Actions read
 * upstream outputs through refs, so an id and the type of what it holds travel together (Shake's
 * `RuleResult`). Ids themselves are formatted and parsed by the domain, in one place.
 */
export interface NodeRef<Output> {
  readonly id: string;
  /** Never set: carries the output type. */
  readonly output?: Output;
}

/** Reads a made node's output; a node not made yet restarts the caller once it is. */
export type OutputReader = <Output>(ref: NodeRef<Output>) => Output;

/** The ref of a node id whose output type the caller knows. */
export function nodeRef<Output>(id: string): NodeRef<Output> {
  return { id };
}
