import { StagingError } from "../../errors/StagingError.js";
import type { Target } from "../../targets/Target.js";
import { AutocannonDriver } from "./AutocannonDriver.js";
import { K6Driver } from "./K6Driver.js";
import type { LoadDriver } from "./LoadDriver.js";

/** The values of the benchmark's `load.driver`. */
export const LOAD_DRIVERS = ["autocannon", "k6"] as const;
export type LoadDriverName = (typeof LOAD_DRIVERS)[number];

export interface LoadDriverDeps {
  /** Where k6 runs; required for `k6`. */
  target?: Target;
  /** Folder on the target for k6's summary. @default the run's workDir */
  remoteDir?: string;
}

/** Picks the driver named by `load.driver`; an unknown name is an error listing the valid ones. */
export function createLoadDriver(name: string, deps: LoadDriverDeps = {}): LoadDriver {
  if (name === "autocannon") return new AutocannonDriver();
  if (name === "k6") {
    if (!deps.target) throw new Error("the k6 load driver needs a target");
    return new K6Driver({
      target: deps.target,
      ...(deps.remoteDir === undefined ? {} : { remoteDir: deps.remoteDir }),
    });
  }
  throw new StagingError(`unknown load driver ${name}`, {
    code: "E_LOAD_DRIVER",
    facts: { field: "load.driver", expected: LOAD_DRIVERS.join(" | "), got: name },
    hint: "set load.driver to autocannon (the default) or k6",
  });
}
