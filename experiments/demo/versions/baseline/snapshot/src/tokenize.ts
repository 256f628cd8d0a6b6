/**
 * Splits text into lowercase words.
 *
 * A word is a maximal run of ASCII letters and digits; an apostrophe between two of them joins
 * them ("don't", "rock'n'roll"). Every other character (spaces, punctuation, non-ASCII letters)
 * separates words. Words are lowercased.
 */
const WORD_CHAR = /[A-Za-z0-9]/;

export function tokenize(text: string): string[] {
  const chars = Array.from(text);
  const words: string[] = [];
  let current = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (WORD_CHAR.test(ch)) {
      current += ch.toLowerCase();
    } else if (ch === "'" && current !== "" && WORD_CHAR.test(chars[i + 1] ?? "")) {
      current += ch;
    } else if (current !== "") {
      words.push(current);
      current = "";
    }
  }
  if (current !== "") words.push(current);
  return words;
}
