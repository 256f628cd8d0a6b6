"""A second implementation of seededRandom (cyrb128 seeding, xoshiro128** with 53-bit outputs) and of the
hierarchical bootstrap draws, in plain Python integers, for generate-paired-reference.py."""

import numpy as np

MASK = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & MASK


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


def cyrb128(text):
    h1, h2, h3, h4 = 1779033703, 3144134277, 1013904242, 2773480762
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        k = units[i] | (units[i + 1] << 8)
        h1 = h2 ^ imul(h1 ^ k, 597399067)
        h2 = h3 ^ imul(h2 ^ k, 2869860233)
        h3 = h4 ^ imul(h3 ^ k, 951274213)
        h4 = h1 ^ imul(h4 ^ k, 2716044179)
    h1 = imul(h3 ^ (h1 >> 18), 597399067)
    h2 = imul(h4 ^ (h2 >> 22), 2869860233)
    h3 = imul(h1 ^ (h3 >> 17), 951274213)
    h4 = imul(h2 ^ (h4 >> 19), 2716044179)
    h1 ^= h2 ^ h3 ^ h4
    h2 ^= h1
    h3 ^= h1
    h4 ^= h1
    return [h1, h2, h3, h4]


class SeededRandom:
    def __init__(self, seed):
        key = f"number:{seed}" if isinstance(seed, int) else f"string:{seed}"
        self.s = cyrb128(key)
        if self.s == [0, 0, 0, 0]:
            self.s[0] = 1

    def next32(self):
        s = self.s
        result = imul(rotl(imul(s[1], 5), 7), 9)
        t = (s[1] << 9) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def __call__(self):
        high = self.next32() >> 5
        low = self.next32() >> 6
        return (high * 2**26 + low) / 2**53


def flat_mean(groups):
    total, count = 0.0, 0
    for group in groups:
        for x in group:
            total += x
            count += 1
    return total / count


def hierarchical_bootstrap_mean(groups, seed, resamples, level):
    """The same draws as hierarchicalBootstrapCI, with the statistic 'mean of all items' (summed in order)."""
    random = SeededRandom(seed)

    def draw(size):
        return int(random() * size)

    values = []
    for _ in range(resamples):
        sample = []
        for _ in range(len(groups)):
            group = groups[draw(len(groups))]
            sample.append([group[draw(len(group))] for _ in range(len(group))])
        values.append(flat_mean(sample))
    tail = (1 - level) / 2
    return {
        "estimate": flat_mean(groups),
        "lo": float(np.quantile(values, tail)),
        "hi": float(np.quantile(values, 1 - tail)),
    }
