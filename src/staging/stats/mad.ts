import { median } from "./median.js";
import { normalQuantile } from "./normalQuantile.js";

/**
 * Median absolute deviation median(|xᵢ − median(x)|) of a non-empty sample, as scipy.stats.median_abs_deviation:
 * scale "raw" (the default) gives it as is, "normal" divides by Φ⁻¹(3/4) ≈ 0.6745 so that it estimates σ of
 * normal data (×1.4826).
 */
export function mad(values: readonly number[], scale: "raw" | "normal" = "raw"): number {
  const center = median(values);
  const deviation = median(values.map((x) => Math.abs(x - center)));
  return scale === "raw" ? deviation : deviation / normalQuantile(0.75);
}
