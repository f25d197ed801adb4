package dev.dendrite.nn;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern over dotted parameter names: a glob as Python's {@code fnmatch} ({@code *} matches any
 * run of characters, dots included; {@code ?} one character; {@code [...]} a class), or, prefixed
 * {@code re:}, a Java regex. Either must match the whole name.
 */
public final class NamePattern {
  private final String source;
  private final Pattern regex;

  private NamePattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  public static NamePattern of(String pattern) {
    try {
      if (pattern.startsWith("re:"))
        return new NamePattern(pattern, Pattern.compile(pattern.substring(3)));
      return new NamePattern(pattern, Pattern.compile(globToRegex(pattern)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("name pattern '" + pattern + "': " + e.getDescription());
    }
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  private static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        if (c == ']') inClass = false;
        sb.append(c == '\\' ? "\\\\" : String.valueOf(c));
        continue;
      }
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        case '[' -> {
          inClass = true;
          sb.append('[');
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
