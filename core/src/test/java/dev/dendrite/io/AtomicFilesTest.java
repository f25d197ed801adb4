package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void theLeftoverOfAKilledWriteIsReplacedNotAccumulated(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("run.ckpt");
    Files.writeString(AtomicFiles.tmpOf(target), "half a checkpoint from a killed write");
    AtomicFiles.writeString(target, "whole");
    AtomicFiles.writeString(target, "again");
    assertThat(Files.readString(target)).isEqualTo("again");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("run.ckpt");
    }
  }

  @Test
  void aFailedWriteNamesTheFileKeepsItsCauseAndTheOldContent(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("model.dnd");
    AtomicFiles.writeString(target, "old");
    IOException full = new IOException("No space left on device");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[100]);
                      throw full;
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("writing " + target + ": No space left on device")
        .hasCause(full);
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(AtomicFiles.tmpOf(target)).doesNotExist();
  }

  @Test
  void aFolderThatCannotBeMadeOrADirectoryTargetNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path under = file.resolve("model.dnd");
    assertThatThrownBy(() -> AtomicFiles.writeString(under, "y"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("writing " + under + ": ")
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> AtomicFiles.writeString(dir, "y"))
        .hasMessage("writing " + dir + ": is a directory");
  }
}
