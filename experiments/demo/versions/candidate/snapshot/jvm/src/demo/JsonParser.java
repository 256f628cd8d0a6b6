package demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a JSON text as JavaScript's JSON.parse does: null, Boolean, Double, String, List and
 * LinkedHashMap (a repeated key keeps its first position and its last value). Iterative, so no
 * nesting depth overflows the stack: a document of any depth is either parsed or invalid, as in
 * the node service. Any syntax error is "body is not valid JSON".
 */
final class JsonParser {
  private static final Object NO_VALUE = new Object();

  private final String text;
  private int at;
  /** Open containers, innermost last; for an object, its pending key is on `keys`. */
  private final ArrayDeque<Object> open = new ArrayDeque<>();
  private final ArrayDeque<String> keys = new ArrayDeque<>();

  private JsonParser(String text) {
    this.text = text;
  }

  static Object parse(String text) throws BadInput {
    try {
      return new JsonParser(text).document();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new BadInput("body is not valid JSON");
    }
  }

  private Object document() {
    for (;;) {
      Object value = valueOrOpen();
      while (value != NO_VALUE) {
        Object container = open.peekLast();
        if (container == null) {
          skipBlank();
          if (at != text.length()) throw invalid();
          return value;
        }
        value = add(container, value);
      }
    }
  }

  /** A scalar, an empty container, or NO_VALUE after opening a container whose first value comes next. */
  private Object valueOrOpen() {
    skipBlank();
    char c = text.charAt(at);
    if (c == '{') {
      at++;
      skipBlank();
      if (peek() == '}') {
        at++;
        return new LinkedHashMap<String, Object>();
      }
      open.addLast(new LinkedHashMap<String, Object>());
      keys.addLast(key());
      return NO_VALUE;
    }
    if (c == '[') {
      at++;
      skipBlank();
      if (peek() == ']') {
        at++;
        return new ArrayList<Object>();
      }
      open.addLast(new ArrayList<Object>());
      return NO_VALUE;
    }
    return scalar(c);
  }

  /** Adds a value to the innermost container: NO_VALUE when more follows, else the closed container. */
  @SuppressWarnings("unchecked")
  private Object add(Object container, Object value) {
    boolean isObject = container instanceof Map;
    if (isObject) ((Map<String, Object>) container).put(keys.removeLast(), value);
    else ((List<Object>) container).add(value);
    skipBlank();
    char c = text.charAt(at++);
    if (c == ',') {
      if (isObject) keys.addLast(key());
      return NO_VALUE;
    }
    if (c != (isObject ? '}' : ']')) throw invalid();
    return open.removeLast();
  }

  private String key() {
    skipBlank();
    if (peek() != '"') throw invalid();
    String key = string();
    skipBlank();
    if (text.charAt(at++) != ':') throw invalid();
    return key;
  }

  private Object scalar(char c) {
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (text.startsWith("true", at)) return literal(4, Boolean.TRUE);
    if (text.startsWith("false", at)) return literal(5, Boolean.FALSE);
    if (text.startsWith("null", at)) return literal(4, null);
    throw invalid();
  }

  private Object literal(int length, Object value) {
    at += length;
    return value;
  }

  private String string() {
    at++;
    StringBuilder out = null;
    int start = at;
    for (;;) {
      char c = text.charAt(at);
      if (c == '"') {
        String tail = text.substring(start, at++);
        return out == null ? tail : out.append(tail).toString();
      }
      if (c < 0x20) throw invalid();
      if (c != '\\') {
        at++;
        continue;
      }
      if (out == null) out = new StringBuilder();
      out.append(text, start, at);
      out.append(escape(text.charAt(at + 1)));
      at += 2;
      if (text.charAt(at - 1) == 'u') at += 4;
      start = at;
    }
  }

  private char escape(char c) {
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> (char) hex4(at + 2);
      default -> throw invalid();
    };
  }

  private int hex4(int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0 || text.charAt(i) > 'f') throw invalid();
      value = value * 16 + digit;
    }
    return value;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? read as the nearest double, as JavaScript does. */
  private Double number() {
    int start = at;
    if (peek() == '-') at++;
    if (peek() == '0') at++;
    else if (!digits()) throw invalid();
    if (peek() == '.') {
      at++;
      if (!digits()) throw invalid();
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') at++;
      if (!digits()) throw invalid();
    }
    return Double.parseDouble(text.substring(start, at));
  }

  private boolean digits() {
    int start = at;
    while (peek() >= '0' && peek() <= '9') at++;
    return at > start;
  }

  /** The next character, or 0 at the end. */
  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private void skipBlank() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      at++;
    }
  }

  private static IllegalArgumentException invalid() {
    return new IllegalArgumentException();
  }
}
