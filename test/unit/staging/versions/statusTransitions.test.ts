import { describe, expect, it } from "vitest";
import { isStagingError } from "../../../../src/errors/index.js";
import {
  VERSION_STATUSES,
  checkKnownStatus,
  checkMarkTransition,
} from "../../../../src/staging/versions/index.js";
import type { VersionStatus } from "../../../../src/staging/versions/index.js";

const ALLOWED: [VersionStatus, VersionStatus][] = [
  ["staging", "staging"],
  ["staging", "candidate"],
  ["staging", "rejected"],
  ["candidate", "staging"],
  ["candidate", "candidate"],
  ["candidate", "rejected"],
  ["rejected", "staging"],
  ["rejected", "candidate"],
  ["rejected", "rejected"],
];
const REFUSED = VERSION_STATUSES.flatMap((from) =>
  VERSION_STATUSES.map((to) => [from, to] as [VersionStatus, VersionStatus]),
).filter(([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to));

describe("checkMarkTransition", () => {
  it.each(ALLOWED)("allows mark %s -> %s", (from, to) => {
    expect(checkMarkTransition("v", from, to)).toBe(to);
  });

  it.each(REFUSED)("refuses mark %s -> %s", (from, to) => {
    let caught: unknown;
    try {
      checkMarkTransition("v", from, to);
    } catch (error) {
      caught = error;
    }
    expect(isStagingError(caught) && caught.code).toBe("E_STATUS_TRANSITION");
    expect(isStagingError(caught) && caught.facts.got).toBe(`${from} -> ${to}`);
  });

  it("covers all 25 pairs", () => expect(ALLOWED.length + REFUSED.length).toBe(25));

  it("refuses an unknown status with the list of valid ones", () => {
    let caught: unknown;
    try {
      checkKnownStatus("promoted");
    } catch (error) {
      caught = error;
    }
    expect(isStagingError(caught) && caught.code).toBe("E_VERSION_STATUS");
    expect(isStagingError(caught) && caught.facts.expected).toBe(
      "one of: staging, candidate, baseline, rejected, archived-baseline",
    );
  });
});
