package dev.dendrite.examples;

import dev.dendrite.data.Labeled;
import dev.dendrite.data.Synthetic2d;
import dev.dendrite.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the sample data under {@code examples/data}, so that it can be made again and checked:
 * {@code moons.csv} (300 points of two interleaving half circles, from {@link Synthetic2d#moons})
 * and {@code shapes/} (16×16 gray PNGs of circles, squares and crosses, 12 of each, at random
 * places and sizes).
 *
 * <p>Run: {@code ./dendrite example ExampleData [DIR]}.
 */
public final class ExampleData {
  private ExampleData() {}

  public static void main(String[] args) throws IOException {
    Path dir =
        args.length > 0
            ? Path.of(args[0])
            : Path.of(System.getProperty("dendrite.home", "."), "examples", "data");
    Files.createDirectories(dir);
    Labeled moons = Synthetic2d.moons(300, 0.15, new Rng(1));
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    float[] x = moons.features().toArray();
    for (int i = 0; i < moons.size(); i++) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.4f,%.4f,%s%n",
              x[2 * i],
              x[2 * i + 1],
              moons.classes().get(moons.labels()[i])));
    }
    Files.writeString(dir.resolve("moons.csv"), csv);

    Rng rng = new Rng(2);
    for (String shape : new String[] {"circle", "square", "cross"}) {
      Path folder = Files.createDirectories(dir.resolve("shapes").resolve(shape));
      for (int k = 0; k < 12; k++)
        ImageIO.write(draw(shape, rng), "png", folder.resolve(shape + k + ".png").toFile());
    }
    System.out.println("wrote " + dir.resolve("moons.csv") + " and " + dir.resolve("shapes"));
  }

  /** A white shape of radius 3-6 pixels on black, centred within 2 pixels of the middle. */
  private static BufferedImage draw(String shape, Rng rng) {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    double r = 3 + 3 * rng.nextDouble(),
        cx = 7.5 + 4 * rng.nextDouble() - 2,
        cy = 7.5 + 4 * rng.nextDouble() - 2;
    for (int y = 0; y < 16; y++) {
      for (int xx = 0; xx < 16; xx++) {
        double dx = xx - cx, dy = y - cy;
        boolean on =
            switch (shape) {
              case "circle" -> Math.abs(Math.hypot(dx, dy) - r) < 0.8;
              case "square" ->
                  Math.max(Math.abs(dx), Math.abs(dy)) <= r
                      && Math.max(Math.abs(dx), Math.abs(dy)) > r - 1.2;
              default ->
                  (Math.abs(dx) < 0.9 || Math.abs(dy) < 0.9)
                      && Math.max(Math.abs(dx), Math.abs(dy)) <= r;
            };
        img.getRaster().setSample(xx, y, 0, on ? 255 : 0);
      }
    }
    return img;
  }
}
