package dev.dendrite.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dendrite plot}: pictures of a trained model, saved as PNG. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = "Save pictures of a trained model as PNG.",
    subcommands = {
      PlotFiltersCommand.class,
      PlotFeaturesCommand.class,
      PlotConfusionCommand.class,
      PlotRbmFiltersCommand.class,
      PlotReconstructionsCommand.class,
      PlotInterpolationCommand.class,
      PlotLatentCommand.class,
      PlotGradNormsCommand.class
    })
final class PlotCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
