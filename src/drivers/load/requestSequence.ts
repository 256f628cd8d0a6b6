/** One request of the sequence: which function, which of its bodies, and where it stands. */
export interface SequenceItem {
  /** Position in the whole sequence, from 0. */
  index: number;
  /** Index of the function in `LoadInput.requests`. */
  fn: number;
  /** Position among this function's requests, from 0. */
  fnIndex: number;
  /** Index of the body in the function's corpus. */
  bodyIndex: number;
}

export interface RequestSequence {
  next(): SequenceItem;
}

/**
 * The order requests are sent in, the same for the same seed. Functions are interleaved by smooth
 * weighted round robin (nginx's), so every prefix of the sequence holds each function in proportion
 * to its weight; each function walks its corpus in a seeded shuffled order, reshuffled per pass, so
 * every body is sent equally often.
 */
export function createRequestSequence(
  weights: readonly number[],
  bodyCounts: readonly number[],
  seed: number,
): RequestSequence {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const current = weights.map(() => 0);
  const walkers = bodyCounts.map((count, fn) => bodyWalker(count, mulberry32(mixSeed(seed, fn))));
  const perFunction = weights.map(() => 0);
  let index = 0;
  return {
    next(): SequenceItem {
      let pick = 0;
      for (let i = 0; i < weights.length; i++) {
        current[i] = (current[i] ?? 0) + (weights[i] ?? 0);
        if ((current[i] ?? 0) > (current[pick] ?? 0)) pick = i;
      }
      current[pick] = (current[pick] ?? 0) - total;
      const fnIndex = perFunction[pick] ?? 0;
      perFunction[pick] = fnIndex + 1;
      const walker = walkers[pick];
      if (!walker) throw new Error(`no corpus for function ${pick}`);
      return { index: index++, fn: pick, fnIndex, bodyIndex: walker() };
    },
  };
}

function bodyWalker(count: number, random: () => number): () => number {
  let order: number[] = [];
  let position = 0;
  return () => {
    if (position >= order.length) {
      order = shuffle(count, random);
      position = 0;
    }
    return order[position++] ?? 0;
  };
}

function shuffle(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

function mixSeed(seed: number, stream: number): number {
  const low = Math.trunc(seed) >>> 0;
  const high = Math.trunc(seed / 2 ** 32) >>> 0;
  return (low ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
