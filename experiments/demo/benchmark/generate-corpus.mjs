// Generates the demo benchmark's request corpus: corpus/word-stats.jsonl and corpus/json-transform.jsonl.
// One JSON line per request: {"body": "<request body>", "response_sha256": "<hex>"}, where the hash is
// of the response body the baseline's own function code gives (imported directly, so run with tsx):
//
//   node --import tsx experiments/demo/benchmark/generate-corpus.mjs [--check]
//
// Seeded and dependency-free: the same seed writes the same bytes. --check compares instead of writing
// (exit 1 on a difference). Editing the corpus changes the benchmark hash, so it makes a new campaign.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { invokeFunction } from "../versions/baseline/snapshot/src/functions.ts";

export const SEED = 20261125;
export const COUNT = 200;
const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(here, "corpus");

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (rand, items) => items[Math.floor(rand() * items.length)];

// ---- word-stats: prose of a few KB with a Zipf-like vocabulary ----------------------------------
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ra",
  "ten",
  "sul",
  "vor",
  "ne",
  "qui",
  "dar",
  "el",
  "an",
  "to",
  "ris",
  "bel",
  "ost",
];
const COMMON = [
  "the",
  "of",
  "and",
  "to",
  "a",
  "in",
  "is",
  "it",
  "that",
  "was",
  "for",
  "on",
  "with",
  "as",
  "at",
];
const CONTRACTIONS = ["don't", "it's", "won't", "they're", "O'Brien", "rock'n'roll", "can't", "'tis", "ol'"];
const ODD = ["café", "naïve", "東京", "emoji😀ok", "x--y", "a''b", "e-mail", "3.14", "v2", "self-test", "''"];

function vocabulary(rand, size) {
  const words = [...COMMON];
  while (words.length < size) {
    let w = "";
    for (let s = int(rand, 1, 4); s > 0; s--) w += pick(rand, SYLLABLES);
    words.push(w);
  }
  return words;
}

function zipfWord(rand, vocab) {
  // u^2.2 piles ranks near 0: a few words dominate, many appear once or twice.
  const rank = Math.min(vocab.length - 1, Math.floor(Math.pow(rand(), 2.2) * vocab.length));
  return vocab[rank];
}

function styled(rand, word) {
  const r = rand();
  if (r < 0.04) return word.toUpperCase();
  if (r < 0.12) return word[0].toUpperCase() + word.slice(1);
  return word;
}

export function wordStatsText(rand, vocab) {
  const target = int(rand, 3000, 7000);
  let text = "";
  while (text.length < target) {
    const words = [];
    for (let n = int(rand, 4, 18); n > 0; n--) {
      const r = rand();
      if (r < 0.03) words.push(pick(rand, CONTRACTIONS));
      else if (r < 0.045) words.push(pick(rand, ODD));
      else if (r < 0.06) words.push(String(int(rand, 0, 2030)));
      else words.push(styled(rand, zipfWord(rand, vocab)));
    }
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    let sentence = words.join(rand() < 0.2 ? ", " : " ");
    if (rand() < 0.1) sentence = `"${sentence}"`;
    text += sentence + pick(rand, [". ", ". ", "! ", "? ", "; ", ".\n", ".\n\n", " -- "]);
  }
  return text;
}

// ---- json-transform: nested documents of mixed types --------------------------------------------
const KEYS = [
  "id",
  "name",
  "price",
  "qty",
  "tags",
  "meta",
  "items",
  "owner",
  "active",
  "score",
  "a.b",
  "x\\y",
  "",
];

function jsonValue(rand, depth) {
  const r = rand();
  if (depth < 5 && r < 0.28) return jsonObject(rand, depth + 1);
  if (depth < 5 && r < 0.42) return Array.from({ length: int(rand, 0, 6) }, () => jsonValue(rand, depth + 1));
  if (r < 0.62) return rand() < 0.5 ? int(rand, -1000, 100000) : Math.round((rand() - 0.3) * 1e6) / 1000;
  if (r < 0.82)
    return pick(rand, ["alpha", "beta", "gamma δ", "", "line\nbreak", 'quote"d', "🙂"]) + int(rand, 0, 99);
  if (r < 0.92) return rand() < 0.5;
  return null;
}

function jsonObject(rand, depth) {
  const object = {};
  for (let n = int(rand, 0, 7); n > 0; n--) {
    const key =
      rand() < 0.15 ? String(int(rand, 0, 12)) : pick(rand, KEYS) + (rand() < 0.5 ? "" : int(rand, 0, 9));
    object[key] = jsonValue(rand, depth);
  }
  return object;
}

export function jsonTransformDocument(rand) {
  const doc =
    rand() < 0.85 ? jsonObject(rand, 1) : Array.from({ length: int(rand, 1, 12) }, () => jsonValue(rand, 1));
  // Documents of ~0.3-3 KB: grow small ones.
  while (JSON.stringify(doc).length < 300) {
    if (Array.isArray(doc)) doc.push(jsonObject(rand, 2));
    else doc[`extra${Object.keys(doc).length}`] = jsonObject(rand, 2);
  }
  return JSON.stringify(doc);
}

// ---- corpus lines -------------------------------------------------------------------------------
function line(fn, body) {
  const response = invokeFunction(fn, new TextEncoder().encode(body));
  if (response.status !== 200)
    throw new Error(`${fn}: the baseline answered ${response.status}: ${response.body}`);
  const response_sha256 = createHash("sha256").update(response.body, "utf8").digest("hex");
  return JSON.stringify({ body, response_sha256 }) + "\n";
}

/** The two corpus files' contents, by file name. */
export function generateCorpus(seed = SEED, count = COUNT) {
  const rand = prng(seed);
  const vocab = vocabulary(rand, 1500);
  let words = "";
  let json = "";
  for (let i = 0; i < count; i++) words += line("word-stats", wordStatsText(rand, vocab));
  for (let i = 0; i < count; i++) json += line("json-transform", jsonTransformDocument(rand));
  return { "word-stats.jsonl": words, "json-transform.jsonl": json };
}

function main() {
  const check = process.argv.includes("--check");
  let differs = false;
  mkdirSync(CORPUS_DIR, { recursive: true });
  for (const [name, content] of Object.entries(generateCorpus())) {
    const file = join(CORPUS_DIR, name);
    if (check) {
      let current = "";
      try {
        current = readFileSync(file, "utf8");
      } catch {
        // missing: differs
      }
      if (current !== content) differs = true;
      process.stdout.write(`${current === content ? "same" : "DIFFERS"} ${file}\n`);
    } else {
      writeFileSync(file, content);
      process.stdout.write(
        `wrote ${file} (${content.split("\n").length - 1} lines, ${content.length} chars)\n`,
      );
    }
  }
  if (differs) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
