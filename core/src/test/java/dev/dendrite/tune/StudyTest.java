package dev.dendrite.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {
  @TempDir Path dir;

  private static final Map<String, Object> HEADER = Map.of("search", "grid", "seed", 1L);

  @Test
  void recordsReadBackInOrderAfterTheHeader() throws IOException {
    Path f = dir.resolve("s.jsonl");
    try (Study s = Study.open(f, HEADER)) {
      s.append(Map.of("trial", 0L));
      s.append(Map.of("trial", 1L));
    }
    assertThat(Files.readAllLines(f)).hasSize(3);
    try (Study s = Study.open(f, HEADER)) {
      assertThat(s.records()).containsExactly(Map.of("trial", 0L), Map.of("trial", 1L));
    }
  }

  /**
   * A crash mid-write leaves half a line: it is dropped and cut off, and the next line is whole.
   */
  @Test
  void aTornLastLineIsIgnoredAndCutOff() throws IOException {
    Path f = dir.resolve("s.jsonl");
    try (Study s = Study.open(f, HEADER)) {
      s.append(Map.of("trial", 0L));
    }
    Files.writeString(f, "{\"trial\": 1, \"cur", StandardOpenOption.APPEND);
    try (Study s = Study.open(f, HEADER)) {
      assertThat(s.records()).containsExactly(Map.of("trial", 0L));
      s.append(Map.of("trial", 2L));
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).isEqualTo("{\"trial\":2}");
    // a complete line without its newline is torn too: the write had not finished
    Files.writeString(f, "{\"trial\":3}", StandardOpenOption.APPEND);
    try (Study s = Study.open(f, HEADER)) {
      assertThat(s.records()).hasSize(2);
    }
  }

  @Test
  void aBadLineInTheMiddleIsAnErrorNamingIt() throws IOException {
    Path f = dir.resolve("s.jsonl");
    try (Study s = Study.open(f, HEADER)) {
      s.append(Map.of("trial", 0L));
    }
    Files.writeString(f, "oops\n{\"trial\":1}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> Study.open(f, HEADER))
        .isInstanceOf(IOException.class)
        .hasMessage(f + " line 3: not a study record: oops");
  }

  @Test
  void anotherSearchIsNotResumedIntoTheFile() throws IOException {
    Path f = dir.resolve("s.jsonl");
    Study.open(f, HEADER).close();
    assertThatThrownBy(() -> Study.open(f, Map.of("search", "grid", "seed", 2L)))
        .hasMessage(
            f
                + ": the study was made with seed 1, not 2; give another --study file to start a"
                + " new one");
  }
}
