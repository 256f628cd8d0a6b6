import {
  pinContainer,
  pinningPlan,
  pinProcessTree,
  pinThisProcess,
  type PinResult,
} from "../../drivers/cpu/index.js";
import type { Target } from "../../targets/Target.js";
import type { RoundSide } from "./RoundSide.js";

/** Where a duet window placed its two services and the load generator, and why not when it could not. */
export interface Pinning {
  /** CPUs of the round's first and second version in this window; null when not pinned. */
  first: number[] | null;
  second: number[] | null;
  /** The load generator's CPUs; null when it shares the services' CPUs or runs on another machine. */
  load: number[] | null;
  /** The placement in words, and every reason pinning was not possible. */
  note: string;
}

/**
 * Pins a duet window: the first version and the second each on its own CPU, swapped every other
 * window, and the load generator (this process) on the rest when the services run on this machine.
 */
export async function pinWindow(
  target: Target,
  cpus: readonly number[],
  first: RoundSide,
  second: RoundSide,
  window: number,
): Promise<Pinning> {
  const plan = pinningPlan(cpus, window % 2 === 1);
  if (plan.a.length === 0) return { first: null, second: null, load: null, note: plan.note };
  // A load generator on this machine that cannot be kept off the services' CPUs would run beside
  // one of them at a time: pinned, the two would not share the machine alike. They float instead.
  if (target.kind === "local" && plan.load === null && process.env.STAGING_DUET_PIN !== "always")
    return {
      first: null,
      second: null,
      load: null,
      note: `not pinned: with ${cpus.length} CPUs the load generator would run beside one version at a time; both versions and the load generator share the CPUs`,
    };
  const [a, b] = await Promise.all([pin(target, first, plan.a), pin(target, second, plan.b)]);
  const local = target.kind === "local";
  const load = local && plan.load ? await pinThisProcess(plan.load) : null;
  const problems = [a, b, load].flatMap((r) => (r && !r.pinned ? [r.reason] : []));
  const note = local
    ? plan.note
    : `${plan.note.split(";")[0]}; the load generator runs on this machine, not the target`;
  return {
    first: a.pinned ? a.cpus : null,
    second: b.pinned ? b.cpus : null,
    load: load?.pinned ? load.cpus : null,
    note: problems.length === 0 ? note : `${note}; not pinned: ${problems.join("; ")}`,
  };
}

function pin(target: Target, side: RoundSide, cpus: number[]): Promise<PinResult> {
  const dep = side.deployment;
  if (dep.pid !== undefined) return pinProcessTree(target, dep.pid, cpus);
  if (dep.containerId !== undefined) return pinContainer(target, dep.containerId, cpus);
  return Promise.resolve({ pinned: false, reason: `a ${dep.driver} deployment cannot be pinned` });
}
