package demo;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Object.entries as JavaScript orders it: an array's indices in order; an object's array-index
 * keys ("0", "17": canonical integers below 2^32 - 1) in ascending numeric order first, then its
 * other keys in insertion order. The order decides the order numbers are summed in, hence the
 * last digits of numeric.sum.
 */
final class JsEntries {
  private static final long MAX_ARRAY_INDEX = 4294967294L;

  private JsEntries() {}

  @SuppressWarnings("unchecked")
  static List<Map.Entry<String, Object>> of(Object container) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    if (container instanceof List) {
      List<Object> items = (List<Object>) container;
      for (int i = 0; i < items.size(); i++) entries.add(new SimpleImmutableEntry<>(Integer.toString(i), items.get(i)));
      return entries;
    }
    List<Map.Entry<String, Object>> named = new ArrayList<>();
    for (Map.Entry<String, Object> entry : ((Map<String, Object>) container).entrySet()) {
      (arrayIndex(entry.getKey()) >= 0 ? entries : named).add(entry);
    }
    if (entries.size() > 1) entries.sort((a, b) -> Long.compare(arrayIndex(a.getKey()), arrayIndex(b.getKey())));
    entries.addAll(named);
    return entries;
  }

  /** The key's array index, or -1 when it is not one. */
  private static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) return -1;
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value <= MAX_ARRAY_INDEX ? value : -1;
  }
}
