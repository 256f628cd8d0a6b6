package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service on the JDK's HTTP server: POST /functions/{name}/invoke, GET /health, GET /metrics. */
final class Service {
  private static final Pattern INVOKE_PATH = Pattern.compile("^/functions/([^/]+)/invoke$");
  private static final String JSON = "application/json";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final ServiceConfig config;
  private final Metrics metrics;
  private final HttpServer server;
  private final ExecutorService workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  private Service(ServiceConfig config, Metrics metrics) throws IOException {
    this.config = config;
    this.metrics = metrics;
    // Small responses go out at once rather than waiting for the client's delayed ACK (Nagle).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 511);
    AtomicInteger threads = new AtomicInteger();
    workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
      Thread thread = new Thread(task, "http-worker-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  /** Binds the port and starts serving; throws when the address cannot be bound. */
  static Service start(ServiceConfig config, Metrics metrics) throws IOException {
    Service service = new Service(config, metrics);
    service.server.start();
    return service;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops taking requests: answers what is in flight (for at most graceMs), then closes every
   * connection, idle keep-alive ones included.
   */
  void stop(long graceMs) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + graceMs * 1_000_000;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      route(exchange);
    } catch (IOException e) {
      // The client went away (a load generator closing its connections at the end): nothing to answer.
    } catch (RuntimeException | StackOverflowError e) {
      System.err.println("request failed: " + e);
      try {
        send(exchange, FunctionResponse.error(500, "internal error"), JSON);
      } catch (IOException | RuntimeException ignored) {
        // the response had started: the connection is closed below
      }
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/health")) {
      if (!method.equals("GET")) send(exchange, FunctionResponse.error(405, "use GET"), JSON);
      else send(exchange, new FunctionResponse(200, health()), JSON);
      return;
    }
    if (path.equals("/metrics")) {
      if (!method.equals("GET")) send(exchange, FunctionResponse.error(405, "use GET"), JSON);
      else send(exchange, new FunctionResponse(200, metrics.render()), PROMETHEUS);
      return;
    }
    Matcher invoke = INVOKE_PATH.matcher(path);
    if (!invoke.matches() || !Functions.isName(invoke.group(1))) {
      send(exchange, FunctionResponse.error(404, "no such endpoint: " + path), JSON);
    } else if (!method.equals("POST")) {
      send(exchange, FunctionResponse.error(405, "use POST"), JSON);
    } else {
      invoke(exchange, invoke.group(1));
    }
  }

  private void invoke(HttpExchange exchange, String name) throws IOException {
    long started = System.nanoTime();
    byte[] body = readBody(exchange.getRequestBody());
    FunctionResponse response = body == null ? Functions.tooLarge() : Functions.invoke(name, body);
    send(exchange, response, JSON);
    metrics.observe(name, response.status(), (System.nanoTime() - started) / 1e9);
  }

  private String health() {
    StringBuilder out = new StringBuilder("{\"status\":\"ok\",\"version\":");
    Json.nullable(out, config.version());
    out.append(",\"mode\":");
    Json.string(out, config.mode());
    out.append(",\"runtime\":\"").append(ServiceConfig.RUNTIME).append("\",\"runtime_version\":");
    Json.string(out, System.getProperty("java.version"));
    out.append(",\"build_fingerprint\":");
    Json.nullable(out, config.buildFingerprint());
    return out.append('}').toString();
  }

  /** The whole body, or null once it passes MAX_BODY_BYTES (the rest is drained, not kept). */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] kept = in.readNBytes(Functions.MAX_BODY_BYTES + 1);
    if (kept.length <= Functions.MAX_BODY_BYTES) return kept;
    in.transferTo(OutputStream.nullOutputStream());
    return null;
  }

  private void send(HttpExchange exchange, FunctionResponse response, String contentType) throws IOException {
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (closing) exchange.getResponseHeaders().set("Connection", "close");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
    if (head) return;
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
