import { createHash } from "node:crypto";
import type { LoadRequestSpec } from "./LoadDriver.js";
import type { SequenceItem } from "./requestSequence.js";

/** A sampled response whose sha256 differs from the corpus's `response_sha256`. */
export interface ResponseMismatch {
  function: string;
  bodyIndex: number;
  expectedSha256: string;
  gotSha256: string;
  /** The first KiB of the response, as UTF-8. */
  preview: string;
}

const KEPT_MISMATCHES = 20;

/**
 * Checks a deterministic sample of successful responses: the first `quota` requests of each
 * function in the sequence (quotas split `sampleSize` by weight, at least one per function when
 * the sample allows). The sequence is seeded, so the same seed checks the same (function, body)
 * pairs in every run; a sampled request that fails is not checked (it already counts as failed).
 */
export class ResponseSampler {
  private readonly quotas: number[];
  private checkedCount = 0;
  private readonly perFunction = new Map<string, number>();
  readonly mismatches: ResponseMismatch[] = [];
  private mismatchCount = 0;

  constructor(
    private readonly requests: readonly LoadRequestSpec[],
    sampleSize: number,
  ) {
    this.quotas = splitByWeight(
      sampleSize,
      requests.map((r) => r.weight),
    );
  }

  wants(item: SequenceItem): boolean {
    return item.fnIndex < (this.quotas[item.fn] ?? 0);
  }

  check(item: SequenceItem, body: Buffer): void {
    const spec = this.requests[item.fn];
    const expected = spec?.bodies[item.bodyIndex]?.responseSha256.toLowerCase();
    // A request without an expected digest (no corpus) is not checked.
    if (!spec || !expected) return;
    this.checkedCount++;
    const got = createHash("sha256").update(body).digest("hex");
    if (got === expected) return;
    this.mismatchCount++;
    this.perFunction.set(spec.name, (this.perFunction.get(spec.name) ?? 0) + 1);
    if (this.mismatches.length < KEPT_MISMATCHES) {
      const preview = body.subarray(0, 1024).toString("utf8");
      this.mismatches.push({
        function: spec.name,
        bodyIndex: item.bodyIndex,
        expectedSha256: expected,
        gotSha256: got,
        preview,
      });
    }
  }

  get checked(): number {
    return this.checkedCount;
  }

  get mismatched(): number {
    return this.mismatchCount;
  }

  /** The invalid-run reason, or null when every sampled response matched. */
  invalidReason(): string | null {
    if (this.mismatchCount === 0) return null;
    const byFunction = [...this.perFunction].map(([name, n]) => `${name}: ${n}`).join(", ");
    return `response mismatch: ${this.mismatchCount} of ${this.checkedCount} sampled responses differ from response_sha256 (${byFunction})`;
  }
}

/** Splits `total` by weight with largest remainders, giving every share at least 1 when total allows. */
export function splitByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, q) => a + q, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    quotas[i] = (quotas[i] ?? 0) + 1;
  }
  if (total >= weights.length) {
    for (let i = 0; i < quotas.length; i++) {
      if (quotas[i] !== 0) continue;
      const donor = quotas.indexOf(Math.max(...quotas));
      quotas[donor] = (quotas[donor] ?? 0) - 1;
      quotas[i] = 1;
    }
  }
  return quotas;
}
