"""Reference Mann-Whitney results for generate-reference.py.

Exact two-sided p-values with ties, in exact integer arithmetic, for n1 + n2 <= 50:
p = P(|U - n1*n2/2| >= |u - n1*n2/2|) over all C(n1+n2, n1) equally likely splits of the pooled midranks.
Two independent methods: brute-force enumeration (n1 + n2 <= 18, cross-checked) and a generating function
over the tie groups (choose m of t tied values in C(t, m) ways). scipy 1.17's method="exact" ignores ties,
so it only cross-checks tie-free cases. Beyond 50: scipy's method="asymptotic" with use_continuity=True.
"""

import itertools
import math
from fractions import Fraction

from scipy import stats

EXACT_MAX_N = 50
BRUTE_FORCE_MAX_N = 18


def doubled_midranks(pooled):
    """Twice the 1-based midrank of each value (integers), and the tie groups as (doubled rank, size)."""
    order = sorted(range(len(pooled)), key=lambda i: pooled[i])
    ranks = [0] * len(pooled)
    groups = []
    start = 0
    while start < len(order):
        end = start
        while end < len(order) and pooled[order[end]] == pooled[order[start]]:
            end += 1
        for k in range(start, end):
            ranks[order[k]] = start + 1 + end
        groups.append((start + 1 + end, end - start))
        start = end
    return ranks, groups


def exact_p_brute_force(a, b):
    ranks, _ = doubled_midranks(list(a) + list(b))
    n1, n = len(a), len(a) + len(b)
    center = n1 * (n + 1)
    deviation = abs(sum(ranks[:n1]) - center)
    extreme = total = 0
    for chosen in itertools.combinations(range(n), n1):
        total += 1
        if abs(sum(ranks[i] for i in chosen) - center) >= deviation:
            extreme += 1
    return Fraction(extreme, total)


def exact_p_tie_groups(a, b):
    ranks, groups = doubled_midranks(list(a) + list(b))
    n1, n = len(a), len(a) + len(b)
    center = n1 * (n + 1)
    deviation = abs(sum(ranks[:n1]) - center)
    # ways[(size, doubled rank sum)] = number of subsets of the values seen so far
    ways = {(0, 0): 1}
    for weight, size in groups:
        nxt = {}
        for (k, s), count in ways.items():
            for m in range(0, min(size, n1 - k) + 1):
                key = (k + m, s + m * weight)
                nxt[key] = nxt.get(key, 0) + count * math.comb(size, m)
        ways = nxt
    total = sum(c for (k, _), c in ways.items() if k == n1)
    assert total == math.comb(n, n1)
    extreme = sum(c for (k, s), c in ways.items() if k == n1 and abs(s - center) >= deviation)
    return Fraction(extreme, total)


def u_statistic(a, b):
    ranks, _ = doubled_midranks(list(a) + list(b))
    n1 = len(a)
    return Fraction(sum(ranks[:n1]) - n1 * (n1 + 1), 2)


def mann_whitney_case(name, a, b):
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    n = len(a) + len(b)
    ties = len(set(a + b)) < n
    u = u_statistic(a, b)
    if n <= EXACT_MAX_N:
        p = exact_p_tie_groups(a, b)
        if n <= BRUTE_FORCE_MAX_N:
            assert p == exact_p_brute_force(a, b), name
        if not ties:
            scipy_p = stats.mannwhitneyu(a, b, alternative="two-sided", method="exact").pvalue
            assert math.isclose(float(p), float(scipy_p), rel_tol=1e-12), (name, p, scipy_p)
        method, p = "exact", float(p)
    else:
        res = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic", use_continuity=True)
        assert float(res.statistic) == float(u)
        method, p = "normal", float(res.pvalue)
        if len(set(a + b)) == 1:
            p = 1.0  # all values tied: U cannot deviate from its mean (scipy's 0/0 is clipped)
    assert 0.0 <= p <= 1.0
    return {"name": name, "a": a, "b": b, "u": float(u), "p": p, "method": method, "ties": ties}
