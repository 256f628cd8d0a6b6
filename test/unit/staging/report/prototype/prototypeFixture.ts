import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  AggregateComparison,
  ComparisonCell,
  ComparisonStats,
} from "../../../../../src/staging/report/prototype/index.js";
import { requireOrSkip } from "../../../../helpers/integration.js";

/** Files the prototype wrote (`../shared/fixtures/prototype/` beside the checkout); absent on a bare clone. */
const SHARED = fileURLToPath(new URL("../../../../../../shared/fixtures/prototype/", import.meta.url));

/** True when the shared fixtures are there; throws when STAGING_REQUIRE_INTEGRATION=1 and they are not. */
export const hasPrototypeFixtures = requireOrSkip(existsSync(SHARED), `prototype fixtures (${SHARED})`);

export function prototypeFixture(name: string): string {
  return readFileSync(SHARED + name, "utf8");
}

/**
 * Two runs per version and mode that give the fixture's figures: per row, one run has each side's
 * minimum and the other its maximum (with two values the median and mean are their midpoint),
 * each moved inside its rounding interval where the midpoint must round as the fixture's did.
 */
export function cellsReproducing(fixture: AggregateComparison): ComparisonCell[] {
  const cells = new Map<string, ComparisonCell>();
  const cell = (version: string, mode: string, run: number) => {
    const key = `${version}/${mode}/${run}`;
    const found = cells.get(key) ?? { version_slug: version, platform_mode: mode, metrics: {}, valid: true };
    cells.set(key, found);
    return found.metrics as Record<string, number>;
  };
  for (const row of fixture.rows) {
    for (const [version, stats] of [
      [fixture.baseline_slug, row.baseline],
      [fixture.candidate_slug, row.candidate],
    ] as const) {
      const [low, high] = rawPair(stats);
      cell(version, row.platform_mode, 1)[row.metric] = low;
      cell(version, row.platform_mode, 2)[row.metric] = high;
    }
  }
  return [...cells.values()];
}

/** Unrounded min and max whose midpoint rounds to the fixture's mean (checked again by Python in the integration test). */
function rawPair(stats: ComparisonStats): [number, number] {
  const nudges = [0, -4e-5, 4e-5];
  for (const a of nudges)
    for (const b of nudges) {
      const [low, high] = [stats.min + a, stats.max + b];
      if (round4((low + high) / 2) === stats.mean && round4(low) === stats.min && round4(high) === stats.max)
        return [low, high];
    }
  throw new Error(`no raw values give ${JSON.stringify(stats)}`);
}

function round4(x: number): number {
  return Number(x.toFixed(4));
}
