package dev.dendrite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A univariate time series, bundled so that forecasting runs offline. Both come from the data sets
 * of statsmodels (Debian's python3-statsmodels), both in the public domain:
 *
 * <ul>
 *   <li>{@code sunspots}: yearly mean sunspot number, 1700–2008 (309 values; NOAA NGDC); the solar
 *       cycle is about 11 years, so 11 is the seasonal-naive period.
 *   <li>{@code elnino}: monthly sea surface temperature of the Niño 1+2 region in °C, 1950–2010
 *       (732 values; NOAA ERSST.V3B); period 12.
 * </ul>
 *
 * @param period the season length in steps for a seasonal-naive forecast
 */
public record Series(String name, float[] values, int period, String unit) {
  public static final List<String> NAMES = List.of("sunspots", "elnino");

  public static Series load(String name) {
    return switch (name) {
      case "sunspots" -> new Series(name, column(rows("sunspots.csv"), 1), 11, "sunspot number");
      case "elnino" -> {
        // One row per year, one column per month: read row by row into one monthly series.
        List<String[]> rows = rows("elnino.csv");
        float[] v = new float[rows.size() * 12];
        for (int r = 0; r < rows.size(); r++)
          for (int m = 0; m < 12; m++) v[r * 12 + m] = Float.parseFloat(rows.get(r)[m + 1]);
        yield new Series(name, v, 12, "°C");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown series " + name + " (known: " + String.join(", ", NAMES) + ")");
    };
  }

  private static float[] column(List<String[]> rows, int c) {
    float[] v = new float[rows.size()];
    for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(rows.get(i)[c]);
    return v;
  }

  private static List<String[]> rows(String file) {
    try (InputStream in = Series.class.getResourceAsStream("/dev/dendrite/data/" + file)) {
      if (in == null)
        throw new IllegalStateException(file + " is missing from the dendrite-core jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine(); // header
      List<String[]> rows = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; )
        if (!line.isBlank()) rows.add(line.split(","));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
