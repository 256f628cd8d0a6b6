package demo;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the service reads from its environment, as the node service does: PORT (default 8080; 0
 * picks a free port), HOST (default 127.0.0.1), STAGING_VERSION, STAGING_MODE (default: the
 * runtime, jvm) and STAGING_BUILD_FINGERPRINT (shown by /health).
 */
record ServiceConfig(int port, String host, String version, String mode, String buildFingerprint) {
  /** The runtime running the service: it decides which metrics exist. */
  static final String RUNTIME = "jvm";

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  static ServiceConfig read(Map<String, String> env) {
    String rawPort = env.getOrDefault("PORT", "8080");
    int port = parsePort(rawPort);
    if (port < 0) {
      StringBuilder got = new StringBuilder();
      Json.string(got, rawPort);
      throw new IllegalArgumentException("PORT must be an integer from 0 to 65535, got " + got);
    }
    String host = nonEmpty(env.get("HOST"));
    String mode = nonEmpty(env.get("STAGING_MODE"));
    return new ServiceConfig(
        port,
        host == null ? "127.0.0.1" : host,
        nonEmpty(env.get("STAGING_VERSION")),
        mode == null ? RUNTIME : mode,
        nonEmpty(env.get("STAGING_BUILD_FINGERPRINT")));
  }

  /** Decimal digits naming 0 to 65535 (leading zeros allowed), else -1. */
  private static int parsePort(String raw) {
    if (!DIGITS.matcher(raw).matches()) return -1;
    String significant = raw.replaceFirst("^0+(?=.)", "");
    return significant.length() > 5 || Integer.parseInt(significant) > 65535 ? -1 : Integer.parseInt(significant);
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
