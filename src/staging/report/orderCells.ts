import { StagingError } from "../../errors/index.js";
import type { CampaignIdentity, CellSummary } from "./CampaignInput.js";

/**
 * The cells of a campaign checked and put in one canonical order, whatever order they were read in:
 * mode (as the campaign lists them), baseline before candidate, round, run index. Every statistic is
 * computed from this order, so sums (mean, CV) come out bit for bit the same for shuffled input.
 * Throws E_CAMPAIGN_CELL for a cell of another version or mode, a duplicate, or a non-finite value.
 */
export function orderCells(identity: CampaignIdentity, cells: readonly CellSummary[]): CellSummary[] {
  const seen = new Set<string>();
  for (const cell of cells) {
    checkCell(identity, cell);
    const key = JSON.stringify([cell.version_slug, cell.platform_mode, cell.round]);
    if (seen.has(key)) throw cellError("appears twice", cell, "one summary per version, mode and round");
    seen.add(key);
  }
  return [...cells].sort((a, b) => compareCells(identity, a, b));
}

function checkCell(identity: CampaignIdentity, cell: CellSummary): void {
  if (cell.version_slug !== identity.baseline && cell.version_slug !== identity.candidate) {
    throw cellError("belongs to neither version", cell, `${identity.baseline} or ${identity.candidate}`);
  }
  if (!identity.modes.includes(cell.platform_mode)) {
    throw cellError("has a mode the campaign does not run", cell, identity.modes.join(", "));
  }
  for (const [metric, value] of Object.entries(cell.metrics)) {
    if (value !== null && !Number.isFinite(value)) {
      throw cellError(`holds a non-finite ${metric}`, cell, "a finite number or null");
    }
  }
}

function compareCells(identity: CampaignIdentity, a: CellSummary, b: CellSummary): number {
  return (
    identity.modes.indexOf(a.platform_mode) - identity.modes.indexOf(b.platform_mode) ||
    role(identity, a) - role(identity, b) ||
    a.round - b.round ||
    a.run_index - b.run_index
  );
}

function role(identity: CampaignIdentity, cell: CellSummary): number {
  return cell.version_slug === identity.baseline ? 0 : 1;
}

function cellError(problem: string, cell: CellSummary, expected: string): StagingError {
  return new StagingError(`A cell summary of the campaign ${problem}`, {
    code: "E_CAMPAIGN_CELL",
    facts: {
      version: cell.version_slug,
      mode: cell.platform_mode,
      round: cell.round,
      run_index: cell.run_index,
      expected,
    },
    hint: "check the campaign's runs/ folder: each cell-summary.json belongs to one version, mode and round",
  });
}
