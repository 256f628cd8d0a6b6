#!/usr/bin/env python3
"""Reference values for src/staging/stats, computed independently of the TypeScript code.

Run from the repository root:  python3 scripts/stats/generate-reference.py
Writes test/fixtures/stats/reference.json (deterministic: fixed seed).

Sources of truth:
  * Mann-Whitney U, n1 + n2 <= 50 ("exact"): the exact permutation p-value with ties,
        p = P(|U - n1*n2/2| >= |u - n1*n2/2|) over all C(n1+n2, n1) equally likely splits of the midranks.
    scipy 1.17's method="exact" ignores ties (it uses the tie-free distribution of U), so it is only used as a
    cross-check on tie-free cases. Instead the p-value is computed with exact integer arithmetic by
      - brute-force enumeration of all splits when n1 + n2 <= 18, and
      - a generating function over the tie *groups* (choose m of the t tied values in C(t, m) ways) otherwise;
        both are run and compared wherever brute force is affordable.
    The TypeScript code uses a different algorithm (a per-item DP in floating point).
  * Mann-Whitney U, n1 + n2 > 50 ("normal"): scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True).
  * Median CI: scipy.stats.binom, rule "largest j with 1 - 2*P(B <= j-1) >= confidence".
  * Quantiles: numpy.quantile (default method "linear" = Hyndman-Fan type 7); median/mean/std via numpy.
  * Holm: a plain Python implementation of the textbook step-down procedure.
  * erfc: scipy.special.erfc.
"""

import json
import sys
import warnings
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/stats free of __pycache__

import numpy as np
import scipy
from scipy import special, stats

from mann_whitney_reference import mann_whitney_case

SEED = 20250101
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "stats" / "reference.json"


def mann_whitney_cases(rng):
    """Hand-picked edge cases, then random ones."""
    cases = [
        mann_whitney_case("n1 = n2 = 1, different", [1], [2]),
        mann_whitney_case("n1 = n2 = 1, equal", [3], [3]),
        mann_whitney_case("n1 = 1 against 5", [10], [1, 2, 3, 4, 5]),
        mann_whitney_case("n1 = 1 in the middle", [3], [1, 2, 4, 5]),
        mann_whitney_case("5 against n2 = 1, tied", [1, 2, 2, 3, 4], [2]),
        mann_whitney_case("identical samples", [5, 5, 5], [5, 5, 5]),
        mann_whitney_case("identical samples, several values", [1, 2, 3, 4], [1, 2, 3, 4]),
        mann_whitney_case("fully separated 3 vs 3", [1, 2, 3], [4, 5, 6]),
        mann_whitney_case("fully separated 6 vs 6", [1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]),
        mann_whitney_case("fully separated 4 vs 9", [10, 11, 12, 13], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        mann_whitney_case("interleaved", [1, 3, 5, 7], [2, 4, 6, 8]),
        mann_whitney_case("heavy ties two values", [0, 0, 0, 1, 1], [0, 1, 1, 1, 1, 1]),
        mann_whitney_case("ties across samples", [1, 2, 2, 3], [2, 3, 3, 4, 5]),
        mann_whitney_case("all tied but one", [7, 7, 7, 7], [7, 7, 7, 8]),
        mann_whitney_case("separated with ties inside", [1, 1, 2, 2], [3, 3, 4, 4]),
        mann_whitney_case("asymmetric tie structure", [1, 1, 1, 2], [2, 3]),
        mann_whitney_case("25 vs 25 identical", [4.0] * 25, [4.0] * 25),
        mann_whitney_case("25 vs 25 separated", list(range(25)), list(range(25, 50))),
        mann_whitney_case("30 vs 30 identical (normal)", [4.0] * 30, [4.0] * 30),
        mann_whitney_case("40 vs 40 separated (normal)", list(range(40)), list(range(40, 80))),
    ]
    return cases + random_mann_whitney_cases(rng)


def random_mann_whitney_cases(rng):
    cases = []
    for i in range(24):  # small, unequal sizes, with and without ties
        n1, n2 = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        if i % 2 == 0:
            hi = int(rng.integers(2, 8))
            a, b = rng.integers(0, hi, n1), rng.integers(0, hi, n2) + int(rng.integers(0, 2))
        else:
            a, b = np.round(rng.normal(0, 1, n1), 6), np.round(rng.normal(0.7, 1, n2), 6)
        cases.append(mann_whitney_case(f"small random {i} ({n1} vs {n2})", a.tolist(), b.tolist()))
    for i in range(12):  # exact, up to n1 + n2 = 50
        n = 50 if i < 4 else int(rng.integers(20, 50))
        n1 = int(rng.integers(1, n))
        if i % 3 != 2:
            a, b = rng.integers(0, 12, n1), rng.integers(0, 12, n - n1) + int(rng.integers(0, 3))
        else:
            a, b = np.round(rng.normal(0, 1, n1), 6), np.round(rng.normal(0.5, 1, n - n1), 6)
        cases.append(mann_whitney_case(f"exact random {i} ({n1} vs {n - n1})", a.tolist(), b.tolist()))
    for i in range(8):  # normal approximation beyond 50
        n = 51 if i == 0 else int(rng.integers(51, 160))
        n1 = int(rng.integers(1, n)) if i % 4 == 1 else n // 2
        if i % 2 == 0:
            a, b = rng.integers(0, 20, n1), rng.integers(0, 20, n - n1) + int(rng.integers(0, 3))
        else:
            a, b = np.round(rng.normal(0, 1, n1), 6), np.round(rng.normal(0.4, 1, n - n1), 6)
        cases.append(mann_whitney_case(f"normal random {i} ({n1} vs {n - n1})", a.tolist(), b.tolist()))
    return cases


def median_ci_cases(rng):
    cases = []
    sizes = list(range(1, 41)) + [50, 63, 100, 257, 1000, 2500]
    for confidence in (0.8, 0.9, 0.95, 0.99):
        for n in sizes:
            # Small samples are stored shuffled; large ones are implied: the test uses n, n-1, ..., 1.
            values = np.round(rng.normal(100, 10, n), 3).tolist() if n <= 40 else [float(n - i) for i in range(n)]
            best = None
            for j in range(1, (n + 1) // 2 + 1):
                coverage = 1 - 2 * float(stats.binom.cdf(j - 1, n, 0.5))
                if coverage < confidence:
                    break
                best = (j, coverage)
            expected = None
            if best is not None:
                j, coverage = best
                s = sorted(values)
                expected = {"j": j, "lo": s[j - 1], "hi": s[n - j], "coverage": coverage}
            case = {"n": n, "confidence": confidence, "expected": expected}
            if n <= 40:
                case["values"] = values
            cases.append(case)
    return cases


def holm(pvalues):
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def holm_cases(rng):
    vectors = [[], [0.03], [0.01, 0.04, 0.03, 0.005], [0.5, 0.5, 0.5], [0.0, 1.0, 0.2], [0.01, 0.01, 0.2, 0.02]]
    for i in range(12):
        m = int(rng.integers(2, 25))
        v = rng.uniform(0, 0.3 if i % 2 else 1, m)
        if i % 3 == 0:
            v[: m // 3] = v[0]  # some ties
        vectors.append([float(x) for x in np.round(v, 5)])
    return [{"p": v, "adjusted": holm(v)} for v in vectors]


def summary_cases(rng):
    arrays = [[1.0], [3.0, 1.0], [1.0, 2.0, 3.0, 4.0], [5.0, 5.0, 5.0, 1.0], [0.5, -2.0, 7.25]]
    for i in range(10):
        n = int(rng.integers(1, 40))
        v = rng.integers(-5, 6, n) if i % 2 else np.round(rng.lognormal(3, 0.5, n), 4)
        arrays.append([float(x) for x in v])
    ps = [0.0, 0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]
    cases = []
    for v in arrays:
        x = np.array(v)
        mean = float(np.mean(x))
        std = float(np.std(x, ddof=1)) if len(v) > 1 else None
        cases.append({
            "values": v,
            "quantiles": [[p, float(np.quantile(x, p))] for p in ps],
            "median": float(np.median(x)),
            "mean": mean,
            "min": float(np.min(x)),
            "max": float(np.max(x)),
            "stddev": std,
            "cv": None if std is None or mean == 0 else std / mean,
        })
    return cases


def hodges_lehmann_cases(rng):
    cases = []
    for i in range(10):
        n1, n2 = int(rng.integers(1, 15)), int(rng.integers(1, 15))
        a = np.round(rng.normal(10, 2, n1), 3)
        b = np.round(rng.normal(11, 2, n2), 3) if i % 2 else rng.integers(8, 13, n2).astype(float)
        shift = float(np.median(np.subtract.outer(b, a)))
        cases.append({"a": a.tolist(), "b": b.tolist(), "shift": shift})
    return cases


def main():
    warnings.simplefilter("error")
    rng = np.random.default_rng(SEED)
    reference = {
        "generator": "scripts/stats/generate-reference.py",
        "seed": SEED,
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
        "mannWhitneyU": mann_whitney_cases(rng),
        "medianCI": median_ci_cases(rng),
        "holm": holm_cases(rng),
        "summary": summary_cases(rng),
        "hodgesLehmann": hodges_lehmann_cases(rng),
        "erfc": [[x, float(special.erfc(x))] for x in (-3, -1, -0.2, 0, 0.3, 1, 1.9, 2, 2.1, 3, 5, 8, 12, 20, 26)],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    counts = {k: len(v) for k, v in reference.items() if isinstance(v, list)}
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}: {counts}")


if __name__ == "__main__":
    main()
