import { tokenize } from "./tokenize.js";

/** How many of the most frequent words a response lists. */
export const TOP_WORDS = 10;
/** Decimals of `mean_word_length`. */
export const MEAN_DECIMALS = 3;

export interface WordCount {
  word: string;
  count: number;
}

export interface WordStats {
  words: number;
  distinct: number;
  top: WordCount[];
  mean_word_length: number;
}

/** Word count, distinct words, the top words (ties alphabetical) and the mean word length. */
export function wordStats(text: string): WordStats {
  const counts = new Map<string, number>();
  let words = 0;
  let letters = 0;
  for (const word of tokenize(text)) {
    words++;
    letters += word.length;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const mean = words === 0 ? 0 : Number((letters / words).toFixed(MEAN_DECIMALS));
  return { words, distinct: counts.size, top: topWords(counts, TOP_WORDS), mean_word_length: mean };
}

/** The k most frequent words, ties in alphabetical order: one pass, no sort of every word. */
function topWords(counts: Map<string, number>, k: number): WordCount[] {
  const top: WordCount[] = [];
  for (const [word, count] of counts) {
    if (top.length === k) {
      if (!ranksBefore(word, count, top[k - 1]!)) continue;
      top.pop();
    }
    let i = top.length;
    while (i > 0 && ranksBefore(word, count, top[i - 1]!)) i--;
    top.splice(i, 0, { word, count });
  }
  return top;
}

// Code-unit order, never localeCompare: V8 and JavaScriptCore must agree byte for byte.
function ranksBefore(word: string, count: number, other: WordCount): boolean {
  return count > other.count || (count === other.count && word < other.word);
}
