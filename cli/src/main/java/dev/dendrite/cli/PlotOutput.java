package dev.dendrite.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The PNG a picture of a pre-trained model goes to: the {@code --output} option (alias {@code
 * --out}), its check, and the file written with a "wrote FILE: …, W × H pixels" report.
 */
final class PlotOutput {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--output", paramLabel = "FILE", description = "The PNG file to write.")
  Path output;

  @Option(names = "--out", hidden = true)
  void out(Path p) {
    output = p;
  }

  /** Refuses a missing {@code --output}. */
  void require() {
    if (output == null) throw Shared.usage(mixee, "needs --output FILE.png");
  }

  /**
   * Writes {@code img} to the output and prints {@code wrote OUTPUT: WHAT, W × H pixels}, where
   * {@code what} is a format filled from {@code args}.
   */
  void write(BufferedImage img, String what, Object... args) throws IOException {
    Png.write(img, output);
    Object[] all = new Object[args.length + 3];
    all[0] = output;
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = img.getWidth();
    all[args.length + 2] = img.getHeight();
    mixee
        .commandLine()
        .getOut()
        .printf(Locale.ROOT, "wrote %s: " + what + ", %d × %d pixels%n", all);
  }

  /** Refuses {@code value} < 1 for {@code option}. */
  static void atLeastOne(CommandSpec spec, String option, int value) {
    if (value < 1) throw Shared.usage(spec, option + " must be >= 1, got " + value);
  }
}
