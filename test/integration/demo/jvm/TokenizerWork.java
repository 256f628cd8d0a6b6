package demo;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The work one version's tokenizer does on the word-stats corpus, counted rather than timed: the
 * words it finds and the bytes it allocates on this thread. Compiled and run against that
 * version's classes (package demo); prints one JSON line.
 *
 * <p>java -cp <version classes>:<this class> demo.TokenizerWork <corpus/word-stats.jsonl>
 */
public final class TokenizerWork {
  private static final int WARM_UP_ROUNDS = 3;

  private TokenizerWork() {}

  public static void main(String[] args) throws Exception {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.isEmpty()) texts.add((String) ((Map<?, ?>) JsonParser.parse(line)).get("body"));
    }
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (String text : texts) Tokenizer.tokenize(text);
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long words = 0;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (String text : texts) words += Tokenizer.tokenize(text).size();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    System.out.println("{\"texts\":" + texts.size() + ",\"words\":" + words + ",\"allocated_bytes\":" + allocated + "}");
  }
}
