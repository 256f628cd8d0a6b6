/**
 * A seeded uniform generator on [0, 1): xoshiro128** (Blackman & Vigna 2018) with 53-bit outputs, its 128-bit
 * state drawn from the seed by the cyrb128 string hash of "number:<String(seed)>" or "string:<seed>".
 * Only 32-bit integer arithmetic (Math.imul, shifts), so a seed gives the same stream on every platform and
 * Node version. Not for cryptography.
 */
export function seededRandom(seed: number | string): () => number {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new RangeError(`seededRandom: a numeric seed must be finite, got ${seed}`);
  }
  const state = cyrb128(typeof seed === "number" ? `number:${String(seed)}` : `string:${seed}`);
  if (state.every((word) => word === 0)) state[0] = 1; // the all-zero state is a fixed point
  return () => {
    const high = next(state) >>> 5; // 27 bits
    const low = next(state) >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992; // (high·2^26 + low) / 2^53
  };
}

/** One xoshiro128** step: returns the output and advances the four 32-bit state words in place. */
function next(s: Uint32Array): number {
  const s0 = s[0] ?? 0;
  const s1 = s[1] ?? 0;
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const s2 = ((s[2] ?? 0) ^ s0) >>> 0;
  const s3 = ((s[3] ?? 0) ^ s1) >>> 0;
  s[1] = s1 ^ s2;
  s[0] = s0 ^ s3;
  s[2] = s2 ^ t;
  s[3] = rotl(s3, 11);
  return result;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** cyrb128 (bryc, public domain): four 32-bit hashes of the UTF-16 code units of a string. */
function cyrb128(text: string): Uint32Array {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return Uint32Array.of(h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0);
}
