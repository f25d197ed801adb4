package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README and the docs stay true: their commands parse, and the README's Java examples are code
 * of compiled programs.
 */
class ReadmeTest {
  /**
   * The README's command lines (continuations joined, comments cut, `a && b` split), as argument
   * lists.
   */
  static List<List<String>> commands(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    boolean code = false;
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("```")) {
        code = line.startsWith("```bash");
        continue;
      }
      if (!code) continue;
      if (pending.isEmpty() && !line.startsWith("./dendrite ")) continue;
      String text = line.replaceFirst("\\s+#\\s.*$", "");
      if (text.endsWith("\\")) {
        pending.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      pending.append(text);
      for (String part : pending.toString().split("&&")) out.add(words(part.strip()));
      pending.setLength(0);
    }
    return out;
  }

  /**
   * Shell words: spaces separate, double quotes group; [optional parts] of the docs are taken with
   * their brackets dropped.
   */
  private static List<String> words(String s) {
    List<String> w = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false, any = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if ((c == '[' || c == ']') && !quoted) {
        continue;
      } else if (c == ' ' && !quoted) {
        if (any) w.add(cur.toString());
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) w.add(cur.toString());
    return w;
  }

  @Test
  void everyCommandInTheReadmeAndTheDocsParses() throws IOException {
    assertThat(commands(Path.of("../README.md"))).hasSizeGreaterThan(25);
    List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
    try (var docs = Files.list(Path.of("../docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    for (Path file : files) {
      for (List<String> cmd : commands(file)) {
        assertThat(cmd.get(0)).isEqualTo("./dendrite");
        List<String> args = cmd.subList(1, cmd.size());
        // The launcher handles these itself; bench's options belong to module bench.
        if (List.of("test", "example", "bench").contains(args.get(0))) continue;
        assertThatCode(() -> Main.commandLine().parseArgs(args.toArray(String[]::new)))
            .as(file + ": " + String.join(" ", cmd))
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void theJavaExamplesAreCodeOfProgramsTheBuildCompiles() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String[] programs = {"IrisMlp", "CustomLoop", "TensorBasics"};
    int from = 0;
    for (String program : programs) {
      from = readme.indexOf("```java\n", from) + "```java\n".length();
      List<String> snippet = code(readme.substring(from, readme.indexOf("```", from)));
      List<String> source =
          code(
              Files.readString(
                  Path.of("../examples/src/main/java/dev/dendrite/examples/" + program + ".java")));
      assertThat(snippet).as(program).hasSizeGreaterThan(5);
      assertThat(source).as(program).containsSubsequence(snippet);
    }
    assertThat(readme.indexOf("```java\n", from)).as("a Java block no program backs").isNegative();
  }

  /** Lines without comments and surrounding blanks, empty ones dropped. */
  private static List<String> code(String text) {
    return text.lines()
        .map(l -> l.replaceFirst("//.*$", "").strip())
        .filter(l -> !l.isEmpty())
        .toList();
  }
}
