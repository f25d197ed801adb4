package dev.dendrite.cli;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.conv.Conv2d;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dendrite plot}: pictures of a trained model, saved as PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Save pictures of a trained model as PNG.",
    subcommands = {PlotFiltersCommand.class, PlotFeaturesCommand.class, PlotConfusionCommand.class})
final class PlotCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** The index in the top-level Sequential of the first Conv2d; refuses a model without one. */
  static int firstConv(Module m, String file) {
    if (m instanceof Sequential s) {
      for (int i = 0; i < s.layers().size(); i++) if (s.layers().get(i) instanceof Conv2d) return i;
    } else if (m instanceof Conv2d) {
      return 0;
    }
    throw new IllegalArgumentException(file + " has no Conv2d layer at its top level to show");
  }

  static Module layer(Module m, int i) {
    return m instanceof Sequential s ? s.layers().get(i) : m;
  }
}
