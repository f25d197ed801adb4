package dev.dendrite.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Renames checkpoint keys to model keys before a state dict is loaded, for models whose names
 * differ ({@code features.0.weight} in the file, {@code 0.weight} here). A key mapped to null is
 * dropped: neither loaded nor reported as unexpected.
 */
public final class NameMap {
  private NameMap() {}

  /** Keys unchanged. */
  public static UnaryOperator<String> identity() {
    return k -> k;
  }

  /**
   * Regex rules {@code from=to}, applied in order to each key with {@link Matcher#replaceAll}, so
   * {@code to} may use {@code $1}; an empty {@code to} with a rule matching the whole key drops it.
   * {@code features\.(\d+)=$1} turns {@code features.3.weight} into {@code 3.weight}.
   */
  public static UnaryOperator<String> rules(List<String> rules) {
    record Rule(Pattern from, String to) {}
    List<Rule> parsed = new ArrayList<>();
    for (String r : rules) {
      int eq = r.indexOf('=');
      if (eq <= 0)
        throw new IllegalArgumentException("name map rule '" + r + "' is not of the form from=to");
      try {
        parsed.add(new Rule(Pattern.compile(r.substring(0, eq)), r.substring(eq + 1)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "name map rule '" + r + "': bad regex: " + e.getDescription());
      }
    }
    return key -> {
      String k = key;
      for (Rule rule : parsed) {
        k = rule.from().matcher(k).replaceAll(rule.to());
        if (k.isEmpty()) return null;
      }
      return k;
    };
  }
}
