package demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits text into lowercase words.
 *
 * <p>A word is a maximal run of ASCII letters and digits; an apostrophe between two of them joins
 * them ("don't", "rock'n'roll"). Every other character (spaces, punctuation, non-ASCII letters)
 * separates words. Words are lowercased.
 */
final class Tokenizer {
  private static final Pattern WORD_CHAR = Pattern.compile("[A-Za-z0-9]");

  private Tokenizer() {}

  static List<String> tokenize(String text) {
    String[] chars = text.codePoints().mapToObj(Character::toString).toArray(String[]::new);
    List<String> words = new ArrayList<>();
    String current = "";
    for (int i = 0; i < chars.length; i++) {
      String ch = chars[i];
      if (WORD_CHAR.matcher(ch).matches()) {
        current += ch.toLowerCase(Locale.ROOT);
      } else if (ch.equals("'") && !current.isEmpty() && i + 1 < chars.length && WORD_CHAR.matcher(chars[i + 1]).matches()) {
        current += ch;
      } else if (!current.isEmpty()) {
        words.add(current);
        current = "";
      }
    }
    if (!current.isEmpty()) words.add(current);
    return words;
  }
}
