package demo;

import java.util.Map;
import java.util.TreeMap;

/**
 * Request counters and latency histograms per function, the same series as the node service
 * (numbers written as JavaScript writes them), followed by the JVM's own series (JvmSeries).
 */
final class Metrics {
  /** Upper bounds (seconds) of the latency buckets as the node service writes them; +Inf is implied. */
  private static final String[] BUCKET_LABELS = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10",
  };
  private static final double[] BUCKETS = new double[BUCKET_LABELS.length];

  static {
    for (int i = 0; i < BUCKETS.length; i++) BUCKETS[i] = Double.parseDouble(BUCKET_LABELS[i]);
  }

  private static final class Histogram {
    final long[] buckets = new long[BUCKETS.length];
    double sum;
    long count;
  }

  /** function + "\0" + status: sorted as the node service sorts its keys. */
  private final Map<String, Long> requests = new TreeMap<>();
  private final Map<String, Histogram> durations = new TreeMap<>();
  private final JvmSeries runtime;

  Metrics(JvmSeries runtime) {
    this.runtime = runtime;
  }

  synchronized void observe(String function, int status, double seconds) {
    requests.merge(function + "\0" + status, 1L, Long::sum);
    Histogram h = durations.computeIfAbsent(function, f -> new Histogram());
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        h.buckets[i]++;
        break;
      }
    }
    h.sum += seconds;
    h.count++;
  }

  String render() {
    StringBuilder out = new StringBuilder(4096);
    synchronized (this) {
      out.append("# HELP staging_requests_total Function invocations by HTTP status.\n");
      out.append("# TYPE staging_requests_total counter\n");
      for (Map.Entry<String, Long> e : requests.entrySet()) {
        String[] key = e.getKey().split("\0");
        out.append("staging_requests_total{function=\"").append(key[0]).append("\",status=\"").append(key[1]);
        out.append("\"} ").append(e.getValue()).append('\n');
      }
      out.append("# HELP staging_request_duration_seconds Function invocation latency in the service.\n");
      out.append("# TYPE staging_request_duration_seconds histogram\n");
      for (Map.Entry<String, Histogram> e : durations.entrySet()) renderHistogram(out, e.getKey(), e.getValue());
    }
    runtime.render(out);
    return out.toString();
  }

  private static void renderHistogram(StringBuilder out, String function, Histogram h) {
    String name = "staging_request_duration_seconds";
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += h.buckets[i];
      out.append(name).append("_bucket{function=\"").append(function).append("\",le=\"").append(BUCKET_LABELS[i]);
      out.append("\"} ").append(cumulative).append('\n');
    }
    out.append(name).append("_bucket{function=\"").append(function).append("\",le=\"+Inf\"} ").append(h.count).append('\n');
    out.append(name).append("_sum{function=\"").append(function).append("\"} ").append(JsNumber.toString(h.sum)).append('\n');
    out.append(name).append("_count{function=\"").append(function).append("\"} ").append(h.count).append('\n');
  }
}
