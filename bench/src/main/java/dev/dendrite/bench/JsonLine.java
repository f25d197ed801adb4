package dev.dendrite.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One flat JSON object, built field by field and printed on one line. */
final class JsonLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  JsonLine put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (var e : fields.entrySet()) {
      if (sb.length() > 1) sb.append(", ");
      sb.append('"').append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof String s)
        sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      else if (v instanceof Double d)
        sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "null");
      else sb.append(v);
    }
    return sb.append('}').toString();
  }
}
