package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fisher's Iris data (1936; public domain), bundled so that examples run offline: 150 flowers, 4
 * measurements in cm (sepal length and width, petal length and width), 3 species.
 */
public final class Iris {
  /** The four measurements, in column order. */
  public static final List<String> FEATURES =
      List.of("sepal length", "sepal width", "petal length", "petal width");

  private Iris() {}

  public static Labeled load() {
    try (InputStream in = Iris.class.getResourceAsStream("/dev/dendrite/data/iris.csv")) {
      if (in == null)
        throw new IllegalStateException("iris.csv is missing from the dendrite-core jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine(); // header
      List<String> classes = new ArrayList<>();
      List<float[]> rows = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        String[] f = line.split(",");
        float[] row = new float[4];
        for (int i = 0; i < 4; i++) row[i] = Float.parseFloat(f[i]);
        rows.add(row);
        String c = f[4].trim();
        if (!classes.contains(c)) classes.add(c);
        labels.add(classes.indexOf(c));
      }
      return new Labeled(
          Tensor.of(rows.toArray(float[][]::new)),
          labels.stream().mapToInt(Integer::intValue).toArray(),
          classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
