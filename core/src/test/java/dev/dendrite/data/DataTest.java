package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
  @Test
  void irisHas150FlowersOf3Species() {
    Labeled iris = Iris.load();
    assertThat(iris.features().shape()).containsExactly(150, 4);
    assertThat(iris.classes()).containsExactly("Iris-setosa", "Iris-versicolor", "Iris-virginica");
    int[] counts = new int[3];
    for (int l : iris.labels()) counts[l]++;
    assertThat(counts).containsExactly(50, 50, 50);
    assertThat(iris.features().get(0, 0)).isEqualTo(5.1f);
    Labeled[] parts = iris.split(0.8, 1);
    assertThat(parts[0].size()).isEqualTo(120);
    assertThat(parts[1].size()).isEqualTo(30);
  }

  @Test
  void subsetsOfConsecutiveAndScatteredRowsHoldThoseRows() {
    Labeled iris = Iris.load();
    for (int[] rows : new int[][] {{10, 11, 12, 13}, {13, 10, 149, 0}, {7}}) {
      Labeled s = iris.subset(rows);
      assertThat(s.features().shape()).containsExactly(rows.length, 4);
      for (int i = 0; i < rows.length; i++) {
        assertThat(s.labels()[i]).isEqualTo(iris.labels()[rows[i]]);
        for (int j = 0; j < 4; j++)
          assertThat(s.features().get(i, j)).isEqualTo(iris.features().get(rows[i], j));
      }
    }
    assertThatThrownBy(() -> iris.subset(new int[] {149, 150}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static byte[] idx(int magic, int[] shape, int payload) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(magic);
    for (int s : shape) out.writeInt(s);
    for (int i = 0; i < payload; i++) out.writeByte(i);
    return b.toByteArray();
  }

  @Test
  void idxReadsAWellFormedFile(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("a.idx"), idx(0x0803, new int[] {2, 2, 3}, 12));
    Idx.Array a = Idx.read(f);
    assertThat(a.shape()).containsExactly(2, 2, 3);
    assertThat(a.toTensor(1f).get(1, 1, 2)).isEqualTo(11f);
  }

  @Test
  void idxRefusesHeadersThatPromiseMoreThanTheFileHolds(@TempDir Path dir) throws IOException {
    Path huge =
        Files.write(dir.resolve("huge.idx"), idx(0x0803, new int[] {60000, 28000, 28000}, 0));
    assertThatThrownBy(() -> Idx.read(huge))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("huge.idx")
        .hasMessageContaining("declares more");
    Path cut = Files.write(dir.resolve("cut.idx"), idx(0x0801, new int[] {10}, 4));
    assertThatThrownBy(() -> Idx.read(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
    Path bad = Files.write(dir.resolve("bad.idx"), idx(0x0D03, new int[] {1, 1, 1}, 1));
    assertThatThrownBy(() -> Idx.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void fashionMnistTestSplitHas1000ImagesPerClass() throws IOException {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    Labeled test = FashionMnist.load(false);
    assertThat(test.features().shape()).containsExactly(10000, 784);
    int[] counts = new int[10];
    for (int l : test.labels()) counts[l]++;
    assertThat(counts).containsOnly(1000);
    assertThat(test.features().max().item()).isLessThanOrEqualTo(1f);
    assertThat(test.features().min().item()).isGreaterThanOrEqualTo(0f);
  }
}
