#!/usr/bin/env python3
"""Reference values for the paired, sequential statistics of src/staging/stats, computed independently of the
TypeScript code.

Run from the repository root:  python3 scripts/stats/generate-paired-reference.py
Writes test/fixtures/stats/paired-reference.json (deterministic: fixed seed; same bytes on every run).

Sources of truth (see the modules for details):
  * Wilcoxon signed-rank (signed_rank_reference.py): exact p with ties by brute-force sign enumeration (n <= 16)
    and a tie-group generating function, in Fractions; scipy exact (tie-free), scipy's permutation test (ties,
    n <= 13) and scipy asymptotic with correction=True (n > 50, or method "approx").
  * Paired Hodges-Lehmann interval: brute-force inversion of scipy's exact signed-rank test between Walsh averages.
  * Mann-Kendall (trend_reference.py): scipy.stats.kendalltau / theilslopes; exact p with ties by enumeration.
  * seededRandom and the hierarchical bootstrap draws (prng_reference.py): a second implementation in Python.
  * Normal quantile and alpha spending: scipy.stats.norm, cross-checked with mpmath at 40 digits.
  * Rounds needed: the documented normal-model criteria, scanned n = 1, 2, ... with scipy.stats.norm.
  * MAD: scipy.stats.median_abs_deviation.
"""

import json
import sys
import warnings
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/stats free of __pycache__

import mpmath
import numpy as np
import scipy
from scipy import stats

from prng_reference import SeededRandom, hierarchical_bootstrap_mean
from sequential_reference import (
    alpha_spending_cases,
    group_sequential_cases,
    normal_quantile_cases,
    rounds_needed_cases,
)
from signed_rank_reference import hodges_lehmann_case, signed_rank_case
from trend_reference import mann_kendall_case

SEED = 20250607
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "stats" / "paired-reference.json"
ZERO_METHODS = ("wilcox", "pratt", "zsplit")
ALTERNATIVES = ("two-sided", "greater", "less")


def signed_rank_cases(rng):
    c = signed_rank_case
    cases = [
        c("n = 1, positive", [0.3]),
        c("n = 1, negative, less", [-0.3], alternative="less"),
        c("all zeros (wilcox)", [0, 0, 0]),
        c("all zeros (zsplit)", [0, 0, 0], zero_method="zsplit"),
        c("6 positives: the smallest two-sided p, 2^-5", [0.1, 0.4, 0.2, 0.5, 0.3, 0.6]),
        c("5 positives: 2^-4 is all n = 5 can give", [0.1, 0.4, 0.2, 0.5, 0.3]),
        c("10 negatives, less: 2^-10", [-(i + 1) / 10 for i in range(10)], alternative="less"),
        c("10 negatives, greater: 1", [-(i + 1) / 10 for i in range(10)], alternative="greater"),
        c("perfectly symmetric", [-1, 1, -2, 2, -3, 3]),
        c("all tied magnitudes", [1, 1, 1, -1]),
        c("all tied magnitudes, greater", [1, 1, 1, 1, -1, 1, 1], alternative="greater"),
        c("single tie group and one larger", [0.5, -0.5, 0.5, 0.5, 2.0]),
    ]
    tied_with_zeros = [0, 0, 1, -1, 2, 2, 2, -3, 3, 4, 1, 0, 5, 2]
    for zero_method in ZERO_METHODS:
        for alternative in ALTERNATIVES:
            cases.append(c(f"ties and zeros, {zero_method}, {alternative}", tied_with_zeros, zero_method, alternative))
        cases.append(c(f"ties and zeros, {zero_method}, approx", tied_with_zeros, zero_method, method="approx"))
    cases.append(c("tie-free, forced exact at n = 60", np.round(rng.normal(0.2, 1, 60), 9).tolist(), method="exact"))
    nonzero = [-3, -2, -1, 1, 2, 3, 4]
    cases.append(c("50 non-zero with ties: still exact", rng.choice(nonzero, 50).tolist()))
    cases.append(c("51 non-zero with ties: approx", rng.choice(nonzero, 51).tolist()))
    cases.append(c("tie-free, approx at n = 12", np.round(rng.normal(0.5, 1, 12), 9).tolist(), method="approx"))
    return cases + random_signed_rank_cases(rng)


def random_signed_rank_cases(rng):
    cases = []
    shifts = (-0.8, -0.3, 0.0, 0.3, 0.8)
    for n in range(1, 51):  # every exact size once, the kind of data cycling
        kind = n % 3
        shift = shifts[n % len(shifts)]
        if kind == 0:  # continuous: no ties
            d = np.round(rng.normal(shift, 1, n), 9)
        elif kind == 1:  # coarse log-ratios: ties, and zeros
            d = np.round(rng.normal(shift, 1, n), 1)
        else:  # small integers: heavy ties and zeros
            d = rng.integers(-3, 4, n) + int(round(2 * shift))
        zero_method = ZERO_METHODS[(n // 3) % 3]
        alternative = ALTERNATIVES[n % 3] if n % 4 == 0 else "two-sided"
        name = f"exact n = {n}, {['continuous', 'coarse', 'integer'][kind]}, shift {shift}"
        cases.append(signed_rank_case(name, d.tolist(), zero_method, alternative))
    for i, n in enumerate((51, 64, 80, 120, 200, 75, 90, 150)):
        shift = shifts[i % len(shifts)]
        d = np.round(rng.normal(shift, 1, n), 9 if i % 2 == 0 else 1)
        zero_method = ZERO_METHODS[i % 3]
        alternative = ALTERNATIVES[i % 3]
        cases.append(signed_rank_case(f"approx n = {n}, shift {shift}", d.tolist(), zero_method, alternative))
    return cases


def hodges_lehmann_cases(rng):
    sizes = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 20, 23, 26, 30, 35, 40, 45, 50)
    levels = (0.95, 0.9, 0.99, 0.8, 0.5, 0.75)
    cases = []
    for i, n in enumerate(sizes):
        for j in range(2):
            level = levels[(i + 3 * j) % len(levels)]
            d = rng.normal(0.1 * (j - 0.5), 0.05, n)  # full-precision floats: distinct Walsh averages
            cases.append(hodges_lehmann_case(f"n = {n}, level {level}", d.tolist(), level))
    for n, level in ((8, 0.9), (12, 0.95), (20, 0.95), (30, 0.99)):
        d = np.round(rng.normal(0.05, 0.05, n), 2)
        cases.append(hodges_lehmann_case(f"tied differences, n = {n}, level {level}", d.tolist(), level))
    return cases


def mann_kendall_cases(rng):
    c = mann_kendall_case
    cases = [
        c("n = 2, rising", [1, 2]),
        c("n = 2, tied", [3, 3]),
        c("all tied, n = 7", [5] * 7),
        c("all tied, n = 20", [5] * 20),
        c("strictly rising, n = 10", list(range(10))),
        c("strictly falling, n = 11", list(range(11, 0, -1))),
        c("rising with ties, n = 10", [1, 2, 2, 3, 5, 4, 6, 7, 7, 8]),
        c("two values, n = 9", [0, 1, 0, 1, 1, 0, 1, 1, 1]),
    ]
    for i in range(24):  # exact range: 3..10, tie-free and tied
        n = 3 + i % 8
        if i % 3 == 0:
            x = rng.integers(0, 4, n)
        else:
            x = np.round(rng.normal(0, 1, n) + 0.15 * (i % 2) * np.arange(n), 6)
        cases.append(c(f"exact random {i} (n = {n})", x.tolist()))
    for i in range(12):  # warm-up shapes and flat noise beyond 10
        n = (11, 12, 20, 30, 50, 100, 200)[i % 7]
        t = np.arange(n)
        warm = 100 * (1 + 0.3 * np.exp(-t / max(2, n / 6))) if i % 2 == 0 else 100 + 0 * t
        x = warm + rng.normal(0, 1.5, n)
        x = np.round(x, 0 if i % 3 == 0 else 4)
        cases.append(c(f"approx random {i} (n = {n}, {'warming up' if i % 2 == 0 else 'flat'})", x.tolist()))
    return cases


def mad_cases(rng):
    arrays = [[1.0], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0, 100.0], [5.0, 5.0, 5.0], [-1.0, 0.5, 0.25, 8.0]]
    for i in range(8):
        n = int(rng.integers(2, 40))
        values = np.round(rng.standard_t(3, n), 5) if i % 2 else rng.integers(-4, 5, n).astype(float)
        arrays.append(values.tolist())
    return [
        {
            "values": v,
            "raw": float(stats.median_abs_deviation(v, scale=1.0)),
            "normal": float(stats.median_abs_deviation(v, scale="normal")),
        }
        for v in arrays
    ]


def prng_cases():
    out = []
    for seed in (0, 1, 42, -7, 2**31, 2**53 - 1, "", "campaign-a", "campaign-b", "é✓ 🎲"):
        random = SeededRandom(seed)
        out.append({"seed": seed, "first": [random() for _ in range(8)]})
    return out


def bootstrap_cases(rng):
    cases = []
    for seed, g, level in ((7, 5, 0.9), (2024, 12, 0.95), (99, 3, 0.8)):
        groups = [np.round(rng.normal(1, 0.1, int(rng.integers(1, 6))), 6).tolist() for _ in range(g)]
        expected = hierarchical_bootstrap_mean(groups, seed, 300, level)
        cases.append({"groups": groups, "seed": seed, "resamples": 300, "level": level, "expected": expected})
    return cases


def main():
    warnings.simplefilter("error")
    mpmath.mp.dps = 40
    rng = np.random.default_rng(SEED)
    reference = {
        "generator": "scripts/stats/generate-paired-reference.py",
        "seed": SEED,
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
        "wilcoxonSignedRank": signed_rank_cases(rng),
        "pairedHodgesLehmann": hodges_lehmann_cases(rng),
        "mannKendall": mann_kendall_cases(rng),
        "normalQuantile": normal_quantile_cases(),
        "alphaSpending": alpha_spending_cases(),
        "groupSequentialLevels": group_sequential_cases(),
        "roundsNeeded": rounds_needed_cases(),
        "mad": mad_cases(rng),
        "seededRandom": prng_cases(),
        "hierarchicalBootstrap": bootstrap_cases(rng),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, separators=(",", ":"), ensure_ascii=False) + "\n")
    counts = {k: len(v) for k, v in reference.items() if isinstance(v, list)}
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}: {counts}")


if __name__ == "__main__":
    main()
