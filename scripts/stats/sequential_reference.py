"""Reference values for the sequential-design helpers, for generate-paired-reference.py.

  * Normal quantile: scipy.stats.norm.ppf, cross-checked with mpmath (root of ncdf at 40 digits).
  * Alpha spending: the Lan-DeMets functions with scipy.stats.norm (O'Brien-Fleming) and math.log1p (Pocock),
    cross-checked with mpmath; the last cumulative value is alpha itself.
  * Group-sequential levels: each look's boundary c_k solved (brentq) so that the probability of
    stopping first at look k, P(|Z_j| < c_j for j < k) - P(|Z_j| < c_j for j <= k), equals the look's
    spending increment, with those rectangle probabilities from scipy.stats.multivariate_normal (Genz)
    under cov(Z_i, Z_j) = sqrt(I_i / I_j): no recursion, no grid, unlike the TypeScript.
  * Rounds needed: the documented normal-model criteria, scanned n = 1, 2, ... (no bisection) with scipy.stats.norm.
"""

import math

import mpmath
import numpy as np
from scipy import optimize, stats


def normal_quantile_cases():
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45]
    ps += [0.5, 0.55, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-10]
    out = []
    for p in ps:
        z = float(stats.norm.ppf(p))
        exact = mpmath.findroot(lambda x: mpmath.ncdf(x) - mpmath.mpf(p), z)
        assert math.isclose(z, float(exact), rel_tol=1e-13), (p, z, exact)
        out.append([p, z])
    return out


def alpha_spending_cases():
    cases = []
    for looks in ([20], [10, 20], [5, 10, 15, 20], [3, 6, 9, 12, 15, 18, 21, 24, 27, 30], [4, 7, 15, 16]):
        for alpha in (0.05, 0.01, 0.1):
            for spending in ("pocock", "obrien-fleming"):
                cumulative = [cumulative_spent(k / looks[-1], alpha, spending) for k in looks]
                cumulative[-1] = alpha
                increments = [b - a for a, b in zip([0.0] + cumulative[:-1], cumulative)]
                cases.append({"looks": looks, "alpha": alpha, "spending": spending, "increments": increments})
    return cases


def group_sequential_cases():
    cases = []
    for looks in ([20], [10, 20], [10, 15, 20], [8, 12], [6, 8, 10, 12], [5, 10, 15, 20], [4, 7, 15, 16]):
        for alpha in (0.05, 0.01):
            for spending in ("pocock", "obrien-fleming"):
                levels = group_sequential_levels(looks, alpha, spending)
                cases.append({"looks": looks, "alpha": alpha, "spending": spending, "levels": levels})
    return cases


def group_sequential_levels(looks, alpha, spending):
    cumulative = [cumulative_spent(k / looks[-1], alpha, spending) for k in looks]
    cumulative[-1] = alpha
    increments = [b - a for a, b in zip([0.0] + cumulative[:-1], cumulative)]

    def inside(bounds):
        k = len(bounds)
        if k == 1:
            return 1 - 2 * stats.norm.sf(bounds[0])
        cov = np.array([[math.sqrt(looks[min(i, j)] / looks[max(i, j)]) for j in range(k)] for i in range(k)])
        law = stats.multivariate_normal(
            mean=np.zeros(k), cov=cov, seed=1, abseps=1e-9, releps=1e-9, maxpts=2_000_000
        )
        b = np.array(bounds)
        return float(law.cdf(b, lower_limit=-b))

    bounds, went_on = [], 1.0
    for spend in increments:
        c = optimize.brentq(lambda c: (went_on - inside(bounds + [c])) - spend, 0.5, 9, xtol=1e-10)
        bounds.append(c)
        went_on = inside(bounds)
    return [float(2 * stats.norm.sf(c)) for c in bounds]


def cumulative_spent(t, alpha, spending):
    if spending == "pocock":
        value = alpha * math.log1p((math.e - 1) * t)
        exact = mpmath.mpf(alpha) * mpmath.log(1 + (mpmath.e - 1) * mpmath.mpf(t))
    else:
        value = float(2 * stats.norm.sf(stats.norm.isf(alpha / 2) / math.sqrt(t)))
        z = mpmath.findroot(lambda x: 2 * mpmath.ncdf(-x) - mpmath.mpf(alpha), stats.norm.isf(alpha / 2))
        exact = 2 * mpmath.ncdf(-z / mpmath.sqrt(mpmath.mpf(t)))
    assert math.isclose(value, float(exact), rel_tol=1e-12), (t, alpha, spending)
    return value


def rounds_needed_cases():
    cases = []
    for spread in (0.02, 0.05, 0.1, 0.2):
        for estimate in (0.0, 0.01, -0.03, 0.05, 0.1):
            for band, alpha, power in ((0.05, 0.05, 0.8), (0.02, 0.01, 0.9), (0.1, 0.1, 0.8)):
                expected = rounds_needed(spread, estimate, band, alpha, power)
                cases.append({"spread": spread, "estimate": estimate, "band": band, "alpha": alpha,
                              "power": power, "expected": expected})
    return cases


def rounds_needed(spread, estimate, band, alpha, power):
    """Scan n = 1, 2, ... for the first count that meets each documented criterion."""
    z = stats.norm.isf(alpha / 2)
    floor = math.ceil(1 + math.log2(1 / alpha))
    delta = abs(estimate)

    def detects(n):
        se = spread * math.sqrt(math.pi / (3 * n))
        return stats.norm.sf(z - delta / se) + stats.norm.cdf(-z - delta / se)

    def fits(n):
        se = spread * math.sqrt(math.pi / (3 * n))
        room = band - z * se
        return 0.0 if room <= 0 else stats.norm.cdf((room - delta) / se) - stats.norm.cdf((-room - delta) / se)

    def first(chance):
        n = 1
        while chance(n) < power:
            n += 1
        return max(floor, n)

    return {
        "toDetect": None if delta == 0 else first(detects),
        "toShowEquivalence": None if delta >= band else first(fits),
    }
