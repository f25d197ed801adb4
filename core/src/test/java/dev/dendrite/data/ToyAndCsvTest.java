package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyAndCsvTest {
  @Test
  void generatorsHaveTheirShapes() {
    assertThat(Synthetic2d.xor().labels()).containsExactly(0, 1, 1, 0);
    Labeled moons = Synthetic2d.moons(100, 0, new Rng(1));
    assertThat(moons.features().shape()).containsExactly(100, 2);
    // Without noise the outer moon lies on the unit circle, the inner one on a circle around (1,
    // 0.5).
    float[] p = moons.features().toArray();
    for (int i = 0; i < 50; i++)
      assertThat(Math.hypot(p[2 * i], p[2 * i + 1])).isCloseTo(1, within(1e-5));
    for (int i = 50; i < 100; i++)
      assertThat(Math.hypot(p[2 * i] - 1, p[2 * i + 1] - 0.5)).isCloseTo(1, within(1e-5));
    Labeled circles = Synthetic2d.circles(200, 0, 0.5, new Rng(1));
    float[] c = circles.features().toArray();
    assertThat(Math.hypot(c[0], c[1])).isCloseTo(1, within(1e-5));
    assertThat(Math.hypot(c[398], c[399])).isCloseTo(0.5, within(1e-5));
    Labeled sp = Synthetic2d.spirals(300, 3, 0.1, new Rng(2));
    int[] count = new int[3];
    for (int l : sp.labels()) count[l]++;
    assertThat(count).containsExactly(100, 100, 100);
    Labeled blobs = Synthetic2d.blobs(300, new float[][] {{0, 0}, {5, 5}}, 0.5, new Rng(3));
    assertThat(blobs.features().mean(0, false).toArray()[0]).isCloseTo(2.5f, within(0.2f));
    assertThat(Synthetic2d.moons(100, 0.1, new Rng(7)).features().toArray())
        .containsExactly(Synthetic2d.moons(100, 0.1, new Rng(7)).features().toArray());
  }

  @Test
  void csvReadsQuotedFieldsAndNamesBadLines(@TempDir Path dir) throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("d.csv"), "a,\"b, quoted\",label\n1,2,cat\n3.5,\"4\",dog\n\n5,6,cat\n");
    Labeled d = Csv.read(f, "label");
    assertThat(d.features().shape()).containsExactly(3, 2);
    assertThat(d.classes()).containsExactly("cat", "dog");
    assertThat(d.labels()).containsExactly(0, 1, 0);
    assertThat(d.features().get(1, 0)).isEqualTo(3.5f);
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,cat\n3,x,dog\n");
    assertThatThrownBy(() -> Csv.read(bad, "label"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.csv:3: column 2 (b): \"x\" is not a number");
    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,label\n1,2,cat\n3,dog\n");
    assertThatThrownBy(() -> Csv.read(ragged, "label")).hasMessageContaining("ragged.csv:3");
    assertThatThrownBy(() -> Csv.read(f, "species"))
        .hasMessageContaining("no column named species");
  }

  @Test
  void csvRefusesNonFiniteCellsNamingLineAndColumn(@TempDir Path dir) throws IOException {
    for (String cell : new String[] {"NaN", "Infinity", "-Infinity", "1e39"}) {
      Path f =
          Files.writeString(dir.resolve("nan.csv"), "a,b,label\n1,2,cat\n\n3," + cell + ",dog\n");
      assertThatThrownBy(() -> Csv.read(f, "label"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("nan.csv:4: column 2 (b)")
          .hasMessageContaining("not a finite number");
    }
  }

  @Test
  void csvSkipsAByteOrderMarkBeforeTheHeader(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bom.csv"), "\uFEFFlabel,a\ncat,1\ndog,2\n");
    Labeled d = Csv.read(f, "label");
    assertThat(d.classes()).containsExactly("cat", "dog");
    assertThat(d.features().toArray()).containsExactly(1f, 2f);
  }

  @Test
  void csvWithFewerThanTwoRowsOrADirectoryIsAnError(@TempDir Path dir) throws IOException {
    Path header = Files.writeString(dir.resolve("header.csv"), "a,label\n");
    assertThatThrownBy(() -> Csv.read(header, "label"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("header.csv: no data rows");
    Path one = Files.writeString(dir.resolve("one.csv"), "a,label\n1,cat\n");
    assertThatThrownBy(() -> Csv.read(one, "label"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("one.csv: only one data row");
    assertThatThrownBy(() -> Csv.read(dir, "label"))
        .isInstanceOf(IOException.class)
        .hasMessage(dir + ": is a directory, not a CSV file");
  }
}
