package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  @Test
  void batchesCoverEveryRowOncePerPassInASeededOrder() {
    Labeled iris = Iris.load();
    DataLoader<DataLoader.Batch> loader = DataLoader.of(iris, 32, true, false, 9);
    assertThat(loader.batches()).isEqualTo(5);
    List<Integer> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (DataLoader.Batch b : loader) {
      sizes.add(b.size());
      float[] x = b.features().toArray();
      for (int i = 0; i < b.size(); i++) {
        // Find the row back by its features (Iris rows are distinct up to a few duplicates; count
        // labels instead).
        seen.add(b.labels()[i]);
        assertThat(b.target().get(i)).isEqualTo((float) b.labels()[i]);
      }
      assertThat(x.length).isEqualTo(b.size() * 4);
    }
    assertThat(sizes).containsExactly(32, 32, 32, 32, 22);
    assertThat(seen.stream().filter(l -> l == 0).count()).isEqualTo(50);
    List<int[]> first = new ArrayList<>(), again = new ArrayList<>();
    for (DataLoader.Batch b : DataLoader.of(iris, 50, true, false, 3)) first.add(b.labels());
    for (DataLoader.Batch b : DataLoader.of(iris, 50, true, false, 3)) again.add(b.labels());
    for (int i = 0; i < first.size(); i++) assertThat(again.get(i)).containsExactly(first.get(i));
    List<int[]> second = new ArrayList<>();
    DataLoader<DataLoader.Batch> twice = DataLoader.of(iris, 150, true, false, 3);
    twice.iterator();
    for (DataLoader.Batch b : twice) second.add(b.labels());
    assertThat(second.get(0)).isNotEqualTo(first.get(0)); // a new order on the next pass
  }

  @Test
  void dropLastAndBatchSizesForTheThreeKindsOfGradientDescent() {
    Labeled iris = Iris.load();
    assertThat(DataLoader.of(iris, 32, false, true, 0).batches()).isEqualTo(4);
    assertThat(DataLoader.of(iris, 150, false, false, 0).batches()).isEqualTo(1); // batch GD
    assertThat(DataLoader.of(iris, 1, false, false, 0).batches()).isEqualTo(150); // SGD
    DataLoader.Batch b = DataLoader.of(iris, 4, false, false, 0).iterator().next();
    assertThat(b.features().toArray()).containsExactly(iris.features().slice(0, 0, 4).toArray());
  }
}
