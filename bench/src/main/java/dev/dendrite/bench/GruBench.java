package dev.dendrite.bench;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.tensor.Rng;
import picocli.CommandLine.Command;

/**
 * {@code dendrite bench gru}: the {@code bench lstm} workload with a GRU (hidden 128) in place of
 * the LSTM.
 */
@Command(
    name = "gru",
    mixinStandardHelpOptions = true,
    description = "Train a GRU on sequential Fashion-MNIST; compare with PyTorch and libtorch.")
final class GruBench extends LstmBench {
  @Override
  String workload() {
    return "gru";
  }

  @Override
  Module model(Rng rng) {
    return new Sequential(
        new Unflatten(28, 28),
        new GRU(28, 128, 1, true, false, rng),
        new LastStep(true),
        new Linear(128, 10, rng));
  }
}
