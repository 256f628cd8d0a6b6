"""Reference Mann-Kendall results for generate-paired-reference.py.

S = sum over i < j of sign(x_j - x_i); tau is scipy.stats.kendalltau(index, x) (tau-b); Sen's slope is
scipy.stats.theilslopes(x, index). Exact p for n <= 10, ties included, p = P(|S| >= |s|) over all arrangements of
the values, in exact rational arithmetic by two independent methods: enumeration of all n! orderings (n <= 8) and a
memoised recursion over the multiset of values (which value comes first); tie-free cases are also checked against
scipy's method="exact". Beyond 10: scipy's method="asymptotic".
"""

import itertools
import math
from fractions import Fraction
from functools import lru_cache

import numpy as np
from scipy import stats

EXACT_MAX_N = 10
ENUMERATION_MAX_N = 8


def s_statistic(x):
    return sum((x[j] > x[i]) - (x[j] < x[i]) for i in range(len(x)) for j in range(i + 1, len(x)))


def exact_p_enumeration(x):
    observed = abs(s_statistic(x))
    extreme = total = 0
    for order in itertools.permutations(x):
        total += 1
        extreme += abs(s_statistic(order)) >= observed
    return Fraction(extreme, total)


def exact_p_multiset(x):
    values = sorted(set(x))
    counts = tuple(x.count(v) for v in values)

    @lru_cache(maxsize=None)
    def s_counts(remaining):
        """{S of the remaining values in some order: number of distinct orders}."""
        if sum(remaining) <= 1:
            return {0: 1}
        out = {}
        for v, c in enumerate(remaining):
            if c == 0:
                continue
            rest = remaining[:v] + (c - 1,) + remaining[v + 1 :]
            # the first value meets every later one: +1 for each larger, -1 for each smaller
            lead = sum(rest[v + 1 :]) - sum(rest[:v])
            for s, ways in s_counts(rest).items():
                out[s + lead] = out.get(s + lead, 0) + ways
        return out

    dist = s_counts(counts)
    total = sum(dist.values())
    assert total == math.factorial(len(x)) // math.prod(math.factorial(c) for c in counts)
    observed = abs(s_statistic(x))
    return Fraction(sum(w for s, w in dist.items() if abs(s) >= observed), total)


def mann_kendall_case(name, x):
    x = [float(v) for v in x]
    n = len(x)
    index = np.arange(n)
    s = s_statistic(x)
    ties = len(set(x)) < n
    all_tied = len(set(x)) == 1
    tau = 0.0 if all_tied else float(stats.kendalltau(index, x).statistic)
    slope = float(stats.theilslopes(x, index).slope)
    checks = []
    if n <= EXACT_MAX_N:
        method = "exact"
        exact = exact_p_multiset(x)
        checks.append("multiset recursion")
        if n <= ENUMERATION_MAX_N:
            assert exact == exact_p_enumeration(x), name
            checks.append("enumeration of all orderings")
        if not ties:
            scipy_p = float(stats.kendalltau(index, x, method="exact").pvalue)
            assert math.isclose(float(exact), scipy_p, rel_tol=1e-12), (name, exact, scipy_p)
            checks.append("scipy exact")
        p = float(exact)
    else:
        method = "approx"
        p = 1.0 if all_tied else float(stats.kendalltau(index, x, method="asymptotic").pvalue)
        checks.append("scipy asymptotic")
    assert 0.0 <= p <= 1.0
    return {
        "name": name,
        "values": x,
        "expected": {"s": s, "tau": tau, "p": p, "slope": slope, "method": method},
        "ties": ties,
        "checks": checks,
    }
