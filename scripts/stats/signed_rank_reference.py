"""Reference signed-rank results for generate-paired-reference.py.

Exact p-values WITH ties, in exact rational arithmetic: p over the 2^n equally likely sign flips of the n non-zero
differences, each keeping its (mid)rank. Two independent methods: brute-force enumeration of the sign patterns
(itertools.product, n <= 16) and a generating function over the tie groups (m of the t tied differences positive
in C(t, m) ways); both run wherever brute force is affordable. scipy 1.17's method="exact" ignores ties, so it
cross-checks the tie-free cases; its permutation test (method="auto" with ties, n <= 13) cross-checks the rest.
The normal approximation is scipy's method="asymptotic" with correction=True.

The Hodges-Lehmann interval is checked by brute-force test inversion: the set of shifts theta with
p(d - theta) > 1 - level (scipy's exact p), scanning one theta inside every gap between the Walsh averages.
"""

import itertools
import math
from fractions import Fraction

import numpy as np
from scipy import stats

EXACT_MAX_N = 50
BRUTE_FORCE_MAX_N = 16
PERMUTATION_MAX_N = 13


def ranked(d, zero_method):
    """(signs, doubled ranks) of the non-zero differences, and the doubled rank sum of the zeros."""
    used = [x for x in d if x != 0] if zero_method == "wilcox" else list(d)
    doubled = [int(round(2 * r)) for r in stats.rankdata(np.abs(used), method="average")] if used else []
    signs = [1 if x > 0 else -1 for x in used if x != 0]
    weights = [w for x, w in zip(used, doubled) if x != 0]
    zeros = sum(w for x, w in zip(used, doubled) if x == 0)
    return signs, weights, zeros


def statistic(d, zero_method, alternative):
    signs, weights, zeros = ranked(d, zero_method)
    half = Fraction(zeros, 2) if zero_method == "zsplit" else 0
    plus = Fraction(sum(w for s, w in zip(signs, weights) if s > 0), 1) + half
    minus = Fraction(sum(w for s, w in zip(signs, weights) if s < 0), 1) + half
    return (min(plus, minus) if alternative == "two-sided" else plus) / 2


def p_from_tails(le, ge, alternative):
    if alternative == "less":
        return le
    if alternative == "greater":
        return ge
    return min(Fraction(1), 2 * min(le, ge))


def exact_p_brute_force(d, zero_method, alternative):
    signs, weights, _ = ranked(d, zero_method)
    observed = sum(w for s, w in zip(signs, weights) if s > 0)
    le = ge = 0
    for pattern in itertools.product((0, 1), repeat=len(weights)):
        s = sum(w for bit, w in zip(pattern, weights) if bit)
        le += s <= observed
        ge += s >= observed
    total = 2 ** len(weights)
    return p_from_tails(Fraction(le, total), Fraction(ge, total), alternative)


def exact_p_tie_groups(d, zero_method, alternative):
    signs, weights, _ = ranked(d, zero_method)
    observed = sum(w for s, w in zip(signs, weights) if s > 0)
    groups = {}
    for w in weights:
        groups[w] = groups.get(w, 0) + 1
    ways = {0: 1}  # doubled rank sum of the positives -> number of sign patterns
    for w, size in groups.items():
        nxt = {}
        for s, count in ways.items():
            for m in range(size + 1):
                nxt[s + m * w] = nxt.get(s + m * w, 0) + count * math.comb(size, m)
        ways = nxt
    total = 2 ** len(weights)
    assert sum(ways.values()) == total
    le = sum(c for s, c in ways.items() if s <= observed)
    ge = sum(c for s, c in ways.items() if s >= observed)
    return p_from_tails(Fraction(le, total), Fraction(ge, total), alternative)


def signed_rank_case(name, d, zero_method="wilcox", alternative="two-sided", method="auto"):
    d = [float(x) for x in d]
    signs, weights, _ = ranked(d, zero_method)
    n = len(weights)
    ties = len(set(weights)) < n
    zeros = d.count(0.0)
    chosen = "approx" if method == "approx" or (method == "auto" and n > EXACT_MAX_N) else "exact"
    stat = statistic(d, zero_method, alternative)
    checks = []
    if n == 0:
        p = 1.0  # nothing to weigh: the convention of the TypeScript code (scipy gives nan)
    elif chosen == "exact":
        exact = exact_p_tie_groups(d, zero_method, alternative)
        checks.append("tie-group generating function")
        if n <= BRUTE_FORCE_MAX_N:
            assert exact == exact_p_brute_force(d, zero_method, alternative), name
            checks.append("brute force")
        plain = not ties and (zeros == 0 or zero_method == "wilcox")
        if plain:
            res = stats.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="exact")
            assert math.isclose(float(exact), float(res.pvalue), rel_tol=1e-12), (name, exact, res.pvalue)
            assert float(res.statistic) == float(stat), (name, res.statistic, stat)
            checks.append("scipy exact")
        elif len(d) <= PERMUTATION_MAX_N:
            res = stats.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="auto")
            assert math.isclose(float(exact), float(res.pvalue), rel_tol=1e-9), (name, exact, res.pvalue)
            assert float(res.statistic) == float(stat), (name, res.statistic, stat)
            checks.append("scipy permutation test")
        p = float(exact)
    else:
        res = stats.wilcoxon(
            d, zero_method=zero_method, alternative=alternative, method="asymptotic", correction=True
        )
        assert float(res.statistic) == float(stat), (name, res.statistic, stat)
        p = float(res.pvalue)
        checks.append("scipy asymptotic, correction=True")
    assert 0.0 <= p <= 1.0
    return {
        "name": name,
        "d": d,
        "zeroMethod": zero_method,
        "alternative": alternative,
        "method": method,
        "expected": {"statistic": float(stat), "p": p, "n": n, "method": chosen},
        "ties": ties,
        "zeros": zeros,
        "checks": checks,
    }


def walsh_averages(d):
    n = len(d)
    return np.sort(np.array([(d[i] + d[j]) / 2 for i in range(n) for j in range(i, n)]))


def inverted_interval(d, level):
    """Brute-force inversion: theta is accepted when scipy's exact two-sided p of d - theta exceeds 1 - level."""
    walsh = walsh_averages(d)
    distinct = np.unique(walsh)
    assert len(distinct) == len(walsh), "the inversion check needs distinct Walsh averages"
    gaps = [distinct[0] - 1.0] + [(a + b) / 2 for a, b in zip(distinct[:-1], distinct[1:])] + [distinct[-1] + 1.0]
    pvalues = []
    for theta in gaps:
        shifted = [x - theta for x in d]
        assert 0.0 not in shifted and len(set(np.abs(shifted))) == len(d)
        pvalues.append(float(stats.wilcoxon(shifted, method="exact").pvalue))
    accepted = [i for i, p in enumerate(pvalues) if p > 1 - level]
    assert accepted == list(range(accepted[0], accepted[-1] + 1)), "the accepted shifts are an interval"
    if accepted[0] == 0 or accepted[-1] == len(gaps) - 1:
        return None  # accepted for every shift beyond the data: no finite interval at this level
    lo, hi = float(distinct[accepted[0] - 1]), float(distinct[accepted[-1]])
    below, above = pvalues[accepted[0] - 1], pvalues[accepted[-1] + 1]
    assert math.isclose(below, above, rel_tol=1e-12)
    return {"lo": lo, "hi": hi, "coverage": 1 - below}


def walsh_formula_interval(d, level):
    """Order statistics of the Walsh averages at the tie-free critical value (for data with tied differences)."""
    n, walsh = len(d), walsh_averages(d)
    m = len(walsh)
    pmf = [Fraction(c, 2**n) for c in tie_free_counts(n)]
    best, tail = None, Fraction(0)
    for k in range(1, (m + 1) // 2 + 1):
        tail += pmf[k - 1]
        if 2 * tail > Fraction(1) - Fraction(level):
            break
        best = {"lo": float(walsh[k - 1]), "hi": float(walsh[m - k]), "coverage": float(1 - 2 * tail)}
    return best


def tie_free_counts(n):
    counts = [1]
    for r in range(1, n + 1):
        nxt = counts + [0] * r
        for s, c in enumerate(counts):
            nxt[s + r] += c
        counts = nxt
    return counts


def hodges_lehmann_case(name, d, level):
    d = [float(x) for x in d]
    estimate = float(np.median(walsh_averages(d)))
    ties = len(set(d)) < len(d)
    interval = walsh_formula_interval(d, level) if ties else inverted_interval(d, level)
    if not ties:
        formula = walsh_formula_interval(d, level)
        assert (formula is None) == (interval is None), name
        if formula is not None:
            assert formula["lo"] == interval["lo"] and formula["hi"] == interval["hi"], (name, formula, interval)
            assert math.isclose(formula["coverage"], interval["coverage"], rel_tol=1e-12), name
    if interval is not None:
        assert interval["coverage"] >= level - 1e-12 and interval["lo"] <= estimate <= interval["hi"]
    expected = None if interval is None else {"estimate": estimate, **interval}
    check = "Walsh order statistics (tied differences)" if ties else "brute-force inversion of scipy's exact test"
    return {"name": name, "d": d, "level": level, "expected": expected, "check": check}
