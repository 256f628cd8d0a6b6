/**
 * Every node id of the workspace graph, formatted and parsed here and nowhere else (lage's
 * `targetId.ts`). Parts are slugs, modes and campaign ids, none of which may contain `:`.
 */
export type NodeId =
  | { kind: "fingerprint"; version: string }
  | { kind: "image"; version: string; mode: string }
  | { kind: "deploy"; version: string; mode: string }
  /** The campaign a candidate's request plans: identity, schedule, looks. */
  | { kind: "plan"; candidate: string }
  /** Everything the candidate's campaign report needs: what `make campaign:<candidate>` makes. */
  | { kind: "campaign"; candidate: string }
  | { kind: "prepare"; campaign: string }
  /** One round of one mode: both versions measured, fresh deployments. */
  | { kind: "round"; campaign: string; mode: string; round: number }
  /** The analysis after the first `rounds` rounds: decided, or how many rounds to add. */
  | { kind: "look"; campaign: string; rounds: number }
  | { kind: "aggregate"; campaign: string }
  | { kind: "report"; campaign: string }
  | { kind: "promote"; candidate: string };

export type NodeKind = NodeId["kind"];

/** The id of a node. */
export function formatNodeId(id: NodeId): string {
  switch (id.kind) {
    case "fingerprint":
      return `fingerprint:${id.version}`;
    case "image":
    case "deploy":
      return `${id.kind}:${id.version}:${id.mode}`;
    case "plan":
    case "campaign":
    case "promote":
      return `${id.kind}:${id.candidate}`;
    case "prepare":
    case "aggregate":
    case "report":
      return `${id.kind}:${id.campaign}`;
    case "round":
      return `round:${id.campaign}:${id.mode}:${id.round}`;
    case "look":
      return `look:${id.campaign}:${id.rounds}`;
  }
}

/** The parts of an id, or undefined for text that is no node id. */
export function parseNodeId(text: string): NodeId | undefined {
  const [kind, ...parts] = text.split(":");
  if (parts.some((p) => p.length === 0)) return undefined;
  const [a, b, c] = parts;
  const count = (n: number) => parts.length === n;
  switch (kind) {
    case "fingerprint":
      return count(1) ? { kind, version: a! } : undefined;
    case "image":
    case "deploy":
      return count(2) ? { kind, version: a!, mode: b! } : undefined;
    case "plan":
    case "campaign":
    case "promote":
      return count(1) ? { kind, candidate: a! } : undefined;
    case "prepare":
    case "aggregate":
    case "report":
      return count(1) ? { kind, campaign: a! } : undefined;
    case "round":
      return count(3) && isCount(c!) ? { kind, campaign: a!, mode: b!, round: Number(c) } : undefined;
    case "look":
      return count(2) && isCount(b!) ? { kind, campaign: a!, rounds: Number(b) } : undefined;
    default:
      return undefined;
  }
}

/** Shorthands: `nodeIds.image("candidate", "bun")` is `image:candidate:bun`. */
export const nodeIds = {
  fingerprint: (version: string) => formatNodeId({ kind: "fingerprint", version }),
  image: (version: string, mode: string) => formatNodeId({ kind: "image", version, mode }),
  deploy: (version: string, mode: string) => formatNodeId({ kind: "deploy", version, mode }),
  plan: (candidate: string) => formatNodeId({ kind: "plan", candidate }),
  campaign: (candidate: string) => formatNodeId({ kind: "campaign", candidate }),
  prepare: (campaign: string) => formatNodeId({ kind: "prepare", campaign }),
  round: (campaign: string, mode: string, round: number) =>
    formatNodeId({ kind: "round", campaign, mode, round }),
  look: (campaign: string, rounds: number) => formatNodeId({ kind: "look", campaign, rounds }),
  aggregate: (campaign: string) => formatNodeId({ kind: "aggregate", campaign }),
  report: (campaign: string) => formatNodeId({ kind: "report", campaign }),
  promote: (candidate: string) => formatNodeId({ kind: "promote", candidate }),
};

/** What a target alias stands for: `images:<version>` is every image of the version. */
export function expandAlias(target: string): string {
  const images = /^images:([^:]+)$/.exec(target);
  return images ? `${nodeIds.image(images[1]!, "")}*` : target;
}

/** The resource pool of a target: at most the pool's limit of its nodes (builds, rounds) run at once. */
export function targetPool(targetName: string): string {
  return `target:${targetName}`;
}

/** The kind of a node id, for code that groups nodes (progress, status). */
export function kindOf(id: string): NodeKind | undefined {
  return parseNodeId(id)?.kind;
}

function isCount(text: string): boolean {
  return /^[1-9]\d{0,5}$/.test(text);
}
