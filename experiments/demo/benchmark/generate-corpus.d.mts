// Types of generate-corpus.mjs, for the tests that import it.
export declare const SEED: number;
export declare const COUNT: number;
export declare const CORPUS_DIR: string;
/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export declare function prng(seed: number): () => number;
/** The two corpus files' contents, by file name. */
export declare function generateCorpus(
  seed?: number,
  count?: number,
): { "word-stats.jsonl": string; "json-transform.jsonl": string };
