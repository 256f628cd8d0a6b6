import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { K6SummaryFields } from "../../../../src/drivers/load/index.js";
import { requireOrSkip } from "../../../helpers/integration.js";

/** Recorded k6 outputs beside the checkout (`../shared/fixtures/k6/`); absent on a bare clone. */
const SHARED = fileURLToPath(new URL("../../../../../shared/fixtures/k6/", import.meta.url));
/** This project's hand-written k6 summaries (`test/fixtures/k6/`). */
const OWN = fileURLToPath(new URL("../../../fixtures/k6/", import.meta.url));

/** True when the shared fixtures are there; throws when STAGING_REQUIRE_INTEGRATION=1 and they are not. */
export const hasSharedK6Fixtures = requireOrSkip(existsSync(SHARED), `shared k6 fixtures (${SHARED})`);

export function sharedK6Fixture(name: string): string {
  return readFileSync(SHARED + name, "utf8");
}

export function ownK6Fixture(name: string): string {
  return readFileSync(OWN + name, "utf8");
}

/** Shared by both parsers' missing-metrics cases. */
export function expectMissingHttpMetrics(fields: K6SummaryFields, format: string): void {
  expect(Object.values(fields.latencyUs)).toEqual([null, null, null, null, null, null, null]);
  expect(fields.requests).toEqual({ completed: null, failed: null, notSent: 0 });
  expect(fields.failRate).toBeNull();
  expect(fields.throughput).toBeNull();
  for (const key of [
    "latencyUs.p50",
    "latencyUs.p95",
    "latencyUs.p99",
    "latencyUs.count",
    "failRate",
    "throughput",
    "requests.completed",
    "requests.failed",
  ]) {
    expect(fields.unavailable[key], key).toMatch(
      new RegExp(`missing from the k6 ${format}|http_req_failed is missing`),
    );
  }
}
