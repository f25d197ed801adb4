package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The line-length limit of the sources, 100 characters: google-java-format keeps code within it
 * (checked by {@code mvn verify}), and this test holds comments, strings and text blocks to it too.
 */
class SourceLinesTest {
  static final int LIMIT = 100;

  @Test
  void noSourceLineIsLongerThanTheLimit() throws IOException {
    List<String> long_ = new ArrayList<>();
    int files = 0;
    for (String module : List.of("core", "cli", "bench", "examples")) {
      try (Stream<Path> walk = Files.walk(Path.of("..", module, "src"))) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          files++;
          List<String> lines = Files.readAllLines(p);
          for (int i = 0; i < lines.size(); i++) {
            int n = lines.get(i).codePointCount(0, lines.get(i).length());
            if (n > LIMIT) long_.add(p.normalize() + ":" + (i + 1) + " has " + n + " characters");
          }
        }
      }
    }
    assertThat(files).isGreaterThan(200);
    assertThat(long_).as("lines over %d characters", LIMIT).isEmpty();
  }
}
