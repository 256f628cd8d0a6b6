package demo;

import java.io.IOException;

/**
 * Entry point. Prints one JSON line {"event":"listening",...} once it serves. On SIGTERM or SIGINT
 * (a shutdown hook: the JVM does not say which signal) it prints {"event":"shutdown"}, answers what
 * is in flight, closes idle keep-alive connections, prints {"event":"stopped"} and exits 0.
 */
public final class Main {
  /** In-flight requests get this long after SIGTERM before their connections are cut. */
  private static final long SHUTDOWN_GRACE_MS = 5000;

  private Main() {}

  public static void main(String[] args) {
    ServiceConfig config;
    try {
      config = ServiceConfig.read(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    JvmSeries jvm = JvmSeries.start();
    // One full collection before serving: every run starts from the same clean heap (startup's
    // garbage gone), and the GC series exist from the first scrape, so a window without a
    // collection shows a GC pause increase of 0 rather than none.
    System.gc();
    Metrics metrics = new Metrics(jvm);
    // The first rendering loads the management beans: done now, the first scrape is not slow.
    metrics.render();
    Service service;
    try {
      service = Service.start(config, metrics);
    } catch (IOException e) {
      System.err.println("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(service), "shutdown"));
    StringBuilder line = new StringBuilder("{\"event\":\"listening\",\"host\":");
    Json.string(line, config.host());
    line.append(",\"port\":").append(service.port()).append(",\"version\":");
    Json.nullable(line, config.version());
    line.append(",\"mode\":");
    Json.string(line, config.mode());
    log(line.append(",\"runtime\":\"").append(ServiceConfig.RUNTIME).append("\"}").toString());
  }

  private static void shutdown(Service service) {
    log("{\"event\":\"shutdown\"}");
    try {
      service.stop(SHUTDOWN_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log("{\"event\":\"stopped\"}");
    // A signal's exit status would be 128 + its number; a clean stop is 0, as in the node service.
    Runtime.getRuntime().halt(0);
  }

  private static void log(String json) {
    System.out.println(json);
    System.out.flush();
  }
}
