package demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The deterministic summary of a JSON object or array, written as the node service writes it. */
final class JsonTransform {
  /** Documents nesting deeper than this are refused. */
  static final int MAX_DEPTH = 64;
  /** Decimals of numeric.sum and numeric.mean. */
  static final int NUMERIC_DECIMALS = 6;

  private final List<Leaf> flat = new ArrayList<>();
  private int maxDepth;
  private int arrays, booleans, nulls, numbers, objects, strings;
  private int count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** A leaf: a scalar or an empty container, at its dotted path. */
  private record Leaf(String path, Object value) {}

  private JsonTransform() {}

  /** {"leaves","max_depth","types","numeric","flat"} of a parsed document (see JsonParser). */
  static String json(Object doc) throws BadInput {
    if (!(doc instanceof Map) && !(doc instanceof List)) {
      throw new BadInput("json-transform expects a JSON object or array");
    }
    JsonTransform state = new JsonTransform();
    state.walk(doc, "", 0);
    state.flat.sort((a, b) -> a.path.compareTo(b.path));
    return state.render();
  }

  private void walk(Object value, String path, int depth) throws BadInput {
    if (!(value instanceof Map) && !(value instanceof List)) {
      countScalar(value);
      flat.add(new Leaf(path, value));
      return;
    }
    if (depth + 1 > MAX_DEPTH) throw new BadInput("document nests deeper than " + MAX_DEPTH + " levels");
    maxDepth = Math.max(maxDepth, depth + 1);
    List<Map.Entry<String, Object>> entries = JsEntries.of(value);
    if (value instanceof List) arrays++;
    else objects++;
    if (entries.isEmpty()) {
      flat.add(new Leaf(path, value));
      return;
    }
    for (Map.Entry<String, Object> entry : entries) {
      String segment = escapeSegment(entry.getKey());
      walk(entry.getValue(), path.isEmpty() ? segment : path + "." + segment, depth + 1);
    }
  }

  private void countScalar(Object value) {
    if (value == null) {
      nulls++;
    } else if (value instanceof Double number) {
      numbers++;
      double x = number;
      count++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (value instanceof Boolean) {
      booleans++;
    } else {
      strings++;
    }
  }

  /** A "." or "\" inside a key is escaped with "\". */
  private static String escapeSegment(String key) {
    if (key.indexOf('.') < 0 && key.indexOf('\\') < 0) return key;
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '\\') out.append('\\');
      out.append(c);
    }
    return out.toString();
  }

  private String render() {
    StringBuilder out = new StringBuilder(64 + flat.size() * 32);
    out.append("{\"leaves\":").append(flat.size()).append(",\"max_depth\":").append(maxDepth);
    out.append(",\"types\":{\"array\":").append(arrays).append(",\"boolean\":").append(booleans);
    out.append(",\"null\":").append(nulls).append(",\"number\":").append(numbers);
    out.append(",\"object\":").append(objects).append(",\"string\":").append(strings).append('}');
    out.append(",\"numeric\":{\"count\":").append(count);
    out.append(",\"sum\":").append(JsNumber.json(JsNumber.roundFixed(sum, NUMERIC_DECIMALS)));
    out.append(",\"min\":").append(count == 0 ? "null" : JsNumber.json(min));
    out.append(",\"max\":").append(count == 0 ? "null" : JsNumber.json(max));
    String mean = count == 0 ? "null" : JsNumber.json(JsNumber.roundFixed(sum / count, NUMERIC_DECIMALS));
    out.append(",\"mean\":").append(mean).append("},\"flat\":[");
    for (int i = 0; i < flat.size(); i++) {
      if (i > 0) out.append(',');
      Leaf leaf = flat.get(i);
      out.append('[');
      Json.string(out, leaf.path);
      out.append(',');
      leafValue(out, leaf.value);
      out.append(']');
    }
    return out.append("]}").toString();
  }

  private static void leafValue(StringBuilder out, Object value) {
    if (value == null) out.append("null");
    else if (value instanceof Double number) out.append(JsNumber.json(number));
    else if (value instanceof Boolean bool) out.append(bool.booleanValue());
    else if (value instanceof String string) Json.string(out, string);
    else out.append(value instanceof List ? "[]" : "{}");
  }
}
