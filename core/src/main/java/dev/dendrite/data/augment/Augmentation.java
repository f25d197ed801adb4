package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;
import java.util.Locale;

/**
 * One random transformation of a single image of C channels, H rows and W columns, stored row-major
 * at {@code img[off, off + C·H·W)}. Each draws its parameters from the image's own {@link Rng}, so
 * one seed gives the same result whatever the thread count. Pixels that the transformation uncovers
 * become 0 (black for data in [0, 1], the mean for standardised data).
 */
public sealed interface Augmentation permits Flip, Crop, Rotate, Translate, Noise, Cutout {
  /** Transforms the image in place; {@code scratch} holds at least C·H·W floats. */
  void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng);

  /** The names {@link #parse} knows, with their argument. */
  String KNOWN = "flip[:P], crop:PAD, rotate:DEG, translate:PIX, noise:STD, cutout:SIZE";

  /**
   * One augmentation from {@code name} or {@code name:value}, e.g. {@code crop:4}, {@code
   * rotate:10}.
   */
  static Augmentation parse(String token) {
    String t = token.strip().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon),
        arg = colon < 0 ? null : t.substring(colon + 1).strip();
    if (name.equals("flip")) return new Flip(arg == null ? 0.5 : number(token, arg));
    if (!name.matches("crop|rotate|translate|noise|cutout")) {
      throw new IllegalArgumentException(
          "unknown augmentation \"" + token.strip() + "\" (known: " + KNOWN + ")");
    }
    if (arg == null || arg.isEmpty())
      throw new IllegalArgumentException(
          "augmentation " + name + " needs a value, e.g. " + name + ":" + example(name));
    double v = number(token, arg);
    return switch (name) {
      case "crop" -> new Crop(whole(token, v));
      case "rotate" -> new Rotate(v);
      case "translate" -> new Translate(v);
      case "noise" -> new Noise(v);
      default -> new Cutout(whole(token, v));
    };
  }

  private static String example(String name) {
    return switch (name) {
      case "crop" -> "4";
      case "rotate" -> "10";
      case "translate" -> "2";
      case "noise" -> "0.05";
      default -> "8";
    };
  }

  private static double number(String token, String arg) {
    try {
      return Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "augmentation \"" + token.strip() + "\": " + arg + " is not a number");
    }
  }

  private static int whole(String token, double v) {
    if (v != Math.rint(v))
      throw new IllegalArgumentException(
          "augmentation \"" + token.strip() + "\" needs a whole number of pixels");
    return (int) v;
  }
}
