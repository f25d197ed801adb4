package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every {@code ./dendrite bench} command in the docs' bash blocks parses as bench's options. */
class BenchDocsTest {
  /** The bench commands of a markdown file, as argument lists after {@code bench}. */
  static List<List<String>> benchCommands(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    boolean code = false;
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("```")) {
        code = line.startsWith("```bash");
        continue;
      }
      if (!code) continue;
      int at = line.indexOf("./dendrite bench");
      if (pending.isEmpty() && at < 0) continue;
      String text = (pending.isEmpty() ? line.substring(at) : line).replaceFirst("\\s+#\\s.*$", "");
      if (text.endsWith("\\")) {
        pending.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      pending.append(text);
      String cmd = pending.toString().split("\\s[|>]|\\s2>|&&")[0].replaceAll("[\\[\\]]", "");
      pending.setLength(0);
      List<String> words = new ArrayList<>(Arrays.asList(cmd.strip().split("\\s+")));
      out.add(words.subList(2, words.size()));
    }
    return out;
  }

  @Test
  void everyBenchCommandInTheDocsParses() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
    try (var docs = Files.list(Path.of("../docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    int count = 0;
    for (Path file : files) {
      for (List<String> args : benchCommands(file)) {
        count++;
        assertThatCode(
                () -> new CommandLine(new BenchMain()).parseArgs(args.toArray(String[]::new)))
            .as(file + ": ./dendrite bench " + String.join(" ", args))
            .doesNotThrowAnyException();
      }
    }
    assertThat(count).isGreaterThan(5);
  }

  @Test
  void aWrongOptionIsCaught() {
    assertThatCode(() -> new CommandLine(new BenchMain()).parseArgs("mlp", "--epoch", "1"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }
}
