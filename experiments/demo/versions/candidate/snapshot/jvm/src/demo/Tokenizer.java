package demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lowercase words.
 *
 * <p>A word is a maximal run of ASCII letters and digits; an apostrophe between two of them joins
 * them ("don't", "rock'n'roll"). Every other character (spaces, punctuation, non-ASCII letters)
 * separates words. Words are lowercased.
 *
 * <p>One pass over the chars: a word is cut out once, and lowercased only if it has an uppercase
 * letter (no per-character strings, regex matches or concatenation).
 */
final class Tokenizer {
  private Tokenizer() {}

  static List<String> tokenize(String text) {
    List<String> words = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean upper = false;
      while (i < n) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
          if (c >= 'A' && c <= 'Z') upper = true;
          i++;
        } else if (c == '\'' && i + 1 < n && isWordChar(text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      String word = text.substring(start, i);
      words.add(upper ? word.toLowerCase(Locale.ROOT) : word);
    }
    return words;
  }

  /** ASCII 0-9, A-Z, a-z. */
  private static boolean isWordChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
