/**
 * Splits text into lowercase words.
 *
 * A word is a maximal run of ASCII letters and digits; an apostrophe between two of them joins
 * them ("don't", "rock'n'roll"). Every other character (spaces, punctuation, non-ASCII letters)
 * separates words. Words are lowercased.
 *
 * One pass over char codes: a word is sliced once, and lowercased only if it has an uppercase
 * letter (no per-character strings, regex tests or concatenation).
 */
const APOSTROPHE = 0x27;

export function tokenize(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (isWordCode(code)) {
        if (code <= 0x5a && code >= 0x41) upper = true;
        i++;
      } else if (code === APOSTROPHE && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    const word = text.slice(start, i);
    words.push(upper ? word.toLowerCase() : word);
  }
  return words;
}

/** ASCII 0-9, A-Z, a-z. */
function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
