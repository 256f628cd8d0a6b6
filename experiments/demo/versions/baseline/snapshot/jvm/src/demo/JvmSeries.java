package demo;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's series under the names and labels Micrometer gives them (JvmMemoryMetrics,
 * JvmGcMetrics, JvmThreadMetrics), in the Prometheus text its simpleclient registry writes (a
 * trailing comma in label sets, Go-style doubles such as 1.2E7), plus process_resident_memory_bytes:
 *
 * <ul>
 *   <li>jvm_memory_used_bytes and jvm_memory_max_bytes {area="heap"|"nonheap", id=pool}: one sample
 *       per memory pool (MemoryPoolMXBean); max is -1 where the pool has none.
 *   <li>jvm_gc_pause_seconds_count and _sum {action, cause, gc}: one per GC notification. Each is a
 *       real stop-the-world pause (GcInfo duration), not the bean's cumulative collection time;
 *       concurrent cycles (ZGC, Shenandoah, cause "No GC") go to jvm_gc_concurrent_phase_time_seconds
 *       instead. Durations come in whole milliseconds, so one short pause reads 0 or 1 ms, but the sum
 *       over many is unbiased. Like Micrometer, nothing is published before the first collection.
 *   <li>jvm_threads_live_threads.
 * </ul>
 */
final class JvmSeries {
  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  /** Timer name -> label set -> {count, seconds}. */
  private final Map<String, Map<String, double[]>> timers = new TreeMap<>();

  private JvmSeries() {}

  /** Starts listening to GC notifications. */
  static JvmSeries start() {
    JvmSeries series = new JvmSeries();
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (bean instanceof NotificationEmitter emitter) emitter.addNotificationListener((n, ref) -> series.onGc(n), null, null);
    }
    return series;
  }

  private void onGc(Notification notification) {
    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    String labels = "action=\"" + escape(info.getGcAction()) + "\",cause=\"" + escape(info.getGcCause())
        + "\",gc=\"" + escape(info.getGcName()) + "\",";
    String timer = isConcurrentPhase(info.getGcCause(), info.getGcName()) ? "jvm_gc_concurrent_phase_time_seconds" : "jvm_gc_pause_seconds";
    synchronized (timers) {
      double[] totals = timers.computeIfAbsent(timer, t -> new TreeMap<>()).computeIfAbsent(labels, l -> new double[2]);
      totals[0]++;
      totals[1] += info.getGcInfo().getDuration() / 1000.0;
    }
  }

  /** Micrometer's test: these collectors report whole concurrent cycles, not pauses. */
  private static boolean isConcurrentPhase(String cause, String name) {
    return "No GC".equals(cause) || name.endsWith(" Cycles") || (name.startsWith("GPGC") && !name.endsWith("Pauses"));
  }

  void render(StringBuilder out) {
    rss(out);
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .sorted(Comparator.comparing((MemoryPoolMXBean p) -> area(p)).thenComparing(MemoryPoolMXBean::getName))
        .toList();
    header(out, "jvm_memory_used_bytes", "gauge", "The amount of used memory");
    for (MemoryPoolMXBean pool : pools) sample(out, "jvm_memory_used_bytes", poolLabels(pool), pool.getUsage().getUsed());
    header(out, "jvm_memory_max_bytes", "gauge", "The maximum amount of memory in bytes that can be used for memory management");
    for (MemoryPoolMXBean pool : pools) sample(out, "jvm_memory_max_bytes", poolLabels(pool), pool.getUsage().getMax());
    synchronized (timers) {
      for (Map.Entry<String, Map<String, double[]>> timer : timers.entrySet()) {
        String name = timer.getKey();
        header(out, name, "summary", name.equals("jvm_gc_pause_seconds") ? "Time spent in GC pause" : "Time spent in concurrent phase");
        for (Map.Entry<String, double[]> e : timer.getValue().entrySet()) sample(out, name + "_count", e.getKey(), e.getValue()[0]);
        for (Map.Entry<String, double[]> e : timer.getValue().entrySet()) sample(out, name + "_sum", e.getKey(), e.getValue()[1]);
      }
    }
    header(out, "jvm_threads_live_threads", "gauge", "The current number of live threads including both daemon and non-daemon threads");
    sample(out, "jvm_threads_live_threads", null, ManagementFactory.getThreadMXBean().getThreadCount());
  }

  /** Resident set size from /proc (left out where there is none, never published as 0). */
  private static void rss(StringBuilder out) {
    try {
      for (String line : Files.readAllLines(PROC_STATUS)) {
        if (!line.startsWith("VmRSS:")) continue;
        long kib = Long.parseLong(line.substring(6).replace("kB", "").trim());
        header(out, "process_resident_memory_bytes", "gauge", "Resident set size in bytes.");
        sample(out, "process_resident_memory_bytes", null, kib * 1024.0);
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux: no RSS series
    }
  }

  private static String area(MemoryPoolMXBean pool) {
    return pool.getType() == MemoryType.HEAP ? "heap" : "nonheap";
  }

  private static String poolLabels(MemoryPoolMXBean pool) {
    return "area=\"" + area(pool) + "\",id=\"" + escape(pool.getName()) + "\",";
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name);
    if (labels != null) out.append('{').append(labels).append('}');
    out.append(' ').append(goDouble(value)).append('\n');
  }

  /** How the Prometheus Java client writes a double. */
  private static String goDouble(double value) {
    if (value == Double.POSITIVE_INFINITY) return "+Inf";
    if (value == Double.NEGATIVE_INFINITY) return "-Inf";
    return Double.isNaN(value) ? "NaN" : Double.toString(value);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
