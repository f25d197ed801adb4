package dev.dendrite.cli;

import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.optim.Schedules;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The options' small languages, parsed when the command line is: a value that does not parse is a
 * usage error (exit 2) before any data is read.
 */
final class Converters {
  private Converters() {}

  /**
   * {@code iris}, {@code fashion_mnist}; any case, and {@code fashion-mnist} as it is usually
   * written.
   */
  static final class DataSetName implements ITypeConverter<DataSets.Name> {
    @Override
    public DataSets.Name convert(String v) {
      String k = v.strip().toLowerCase(Locale.ROOT).replace('-', '_');
      for (DataSets.Name n : DataSets.Name.values()) if (n.name().equals(k)) return n;
      throw new TypeConversionException("expected iris or fashion_mnist, got '" + v + "'");
    }
  }

  /**
   * Sizes of an option such as {@code --image-size 28x28}: a record, because picocli reads an array
   * option as many values.
   */
  record Sizes(int... values) {}

  /** {@code N} (square) or {@code HxW}: two sizes >= 1. */
  static final class HeightWidth implements ITypeConverter<Sizes> {
    @Override
    public Sizes convert(String v) {
      int[] p = pair(v);
      if (p == null || p[0] < 1 || p[1] < 1)
        throw new TypeConversionException(
            "expected N or HxW with sizes >= 1, e.g. 28x28, got '" + v + "'");
      return new Sizes(p);
    }
  }

  /**
   * {@code N} or {@code HxW} (also {@code H×W}, {@code H,W}) as {height, width}; null when it does
   * not parse.
   */
  static int[] pair(String v) {
    String[] parts = v.toLowerCase(Locale.ROOT).split("[x×,]", -1);
    try {
      if (parts.length == 1) {
        int n = Integer.parseInt(parts[0].strip());
        return new int[] {n, n};
      }
      if (parts.length == 2)
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
    } catch (NumberFormatException e) {
      // not a pair
    }
    return null;
  }

  /**
   * One example's shape without the batch dimension: {@code 784}, {@code 1,28,28}, {@code 28x28} or
   * {@code 1x28x28}; sizes >= 1.
   */
  static final class Shape implements ITypeConverter<Sizes> {
    @Override
    public Sizes convert(String v) {
      String[] parts = v.toLowerCase(Locale.ROOT).split("[x×,]", -1);
      int[] s = new int[parts.length];
      try {
        for (int i = 0; i < s.length; i++) s[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "expected sizes such as 784, 28x28 or 1,28,28, got '" + v + "'");
      }
      for (int n : s)
        if (n < 1) throw new TypeConversionException("sizes must be >= 1, got '" + v + "'");
      return new Sizes(s);
    }
  }

  /** A learning-rate schedule, built once the base rate and the number of epochs are known. */
  record LrSchedule(String kind, int every, double gamma) {
    Schedules.Schedule build(double base, int epochs) {
      return switch (kind) {
        case "cosine" -> Schedules.cosine(base, epochs, 0);
        case "step" -> Schedules.step(base, every, gamma);
        default -> Schedules.exponential(base, gamma);
      };
    }
  }

  /** {@code cosine}, {@code step:N:GAMMA} or {@code exp:GAMMA}. */
  static final class Schedule implements ITypeConverter<LrSchedule> {
    @Override
    public LrSchedule convert(String text) {
      String[] f = text.strip().toLowerCase(Locale.ROOT).split(":", -1);
      try {
        LrSchedule s =
            switch (f[0]) {
              case "cosine" -> f.length == 1 ? new LrSchedule("cosine", 0, 0) : null;
              case "step" ->
                  f.length == 3
                      ? new LrSchedule("step", Integer.parseInt(f[1]), Double.parseDouble(f[2]))
                      : null;
              case "exp" ->
                  f.length == 2 ? new LrSchedule("exp", 0, Double.parseDouble(f[1])) : null;
              default -> null;
            };
        if (s != null && s.kind().equals("step") && s.every() < 1)
          throw new TypeConversionException("step:N:GAMMA needs N >= 1, got '" + text + "'");
        if (s != null && !(s.gamma() > 0 || s.kind().equals("cosine")))
          throw new TypeConversionException("GAMMA must be > 0, got '" + text + "'");
        if (s != null) return s;
      } catch (NumberFormatException e) {
        // the message below says what is expected
      }
      throw new TypeConversionException(
          "expected cosine, step:N:GAMMA or exp:GAMMA, got '" + text + "'");
    }
  }

  /** Class weights: {@code balanced} (null weights), or one weight per class. */
  record Weights(float[] weights) {
    boolean balanced() {
      return weights == null;
    }
  }

  /**
   * {@code balanced} or comma-separated numbers; the count is checked against the data's classes
   * later.
   */
  static final class ClassWeights implements ITypeConverter<Weights> {
    @Override
    public Weights convert(String v) {
      if (v.strip().equalsIgnoreCase("balanced")) return new Weights(null);
      String[] parts = v.split(",", -1);
      float[] w = new float[parts.length];
      for (int c = 0; c < w.length; c++) {
        try {
          w[c] = Float.parseFloat(parts[c].strip());
        } catch (NumberFormatException e) {
          throw new TypeConversionException(
              "expected 'balanced' or numbers such as 1,2.5,1; '" + parts[c] + "' is not a number");
        }
        if (!(w[c] >= 0) || Float.isInfinite(w[c]))
          throw new TypeConversionException("weights must be finite and >= 0, got " + parts[c]);
      }
      return new Weights(w);
    }
  }

  /**
   * {@code flip,crop:4,rotate:10,...}: checked here; the image shape is filled in once the data is
   * read.
   */
  static final class Augment implements ITypeConverter<Augmenter> {
    @Override
    public Augmenter convert(String v) {
      try {
        return Augmenter.parse(v, 1, 1, 1);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
