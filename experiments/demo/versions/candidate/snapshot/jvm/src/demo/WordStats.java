package demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Word count, distinct words, the top words (ties in code-unit order) and the mean word length. */
final class WordStats {
  /** How many of the most frequent words a response lists. */
  static final int TOP_WORDS = 10;
  /** Decimals of mean_word_length. */
  static final int MEAN_DECIMALS = 3;

  private record WordCount(String word, int count) {}

  private WordStats() {}

  /** {"words","distinct","top":[{"word","count"}],"mean_word_length"} of a text. */
  static String json(String text) {
    Map<String, Integer> counts = new HashMap<>();
    int words = 0;
    long letters = 0;
    for (String word : Tokenizer.tokenize(text)) {
      words++;
      letters += word.length();
      counts.merge(word, 1, Integer::sum);
    }
    double mean = words == 0 ? 0 : JsNumber.roundFixed((double) letters / words, MEAN_DECIMALS);
    StringBuilder out = new StringBuilder(256);
    out.append("{\"words\":").append(words).append(",\"distinct\":").append(counts.size()).append(",\"top\":[");
    List<WordCount> top = topWords(counts, TOP_WORDS);
    for (int i = 0; i < top.size(); i++) {
      if (i > 0) out.append(',');
      out.append("{\"word\":");
      Json.string(out, top.get(i).word);
      out.append(",\"count\":").append(top.get(i).count).append('}');
    }
    return out.append("],\"mean_word_length\":").append(JsNumber.json(mean)).append('}').toString();
  }

  /** The k most frequent words, ties in code-unit order: one pass, no sort of every word. */
  private static List<WordCount> topWords(Map<String, Integer> counts, int k) {
    List<WordCount> top = new ArrayList<>(k + 1);
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      WordCount candidate = new WordCount(entry.getKey(), entry.getValue());
      if (top.size() == k) {
        if (!ranksBefore(candidate, top.get(k - 1))) continue;
        top.remove(k - 1);
      }
      int i = top.size();
      while (i > 0 && ranksBefore(candidate, top.get(i - 1))) i--;
      top.add(i, candidate);
    }
    return top;
  }

  /** String.compareTo is code-unit order, as JavaScript's < on strings. */
  private static boolean ranksBefore(WordCount a, WordCount b) {
    return a.count > b.count || (a.count == b.count && a.word.compareTo(b.word) < 0);
  }
}
