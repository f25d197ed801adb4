package dev.dendrite.bench;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.tensor.Rng;
import picocli.CommandLine.Command;

/**
 * {@code dendrite bench bilstm}: the {@code bench lstm} workload with a bidirectional LSTM (hidden
 * 128 per direction); the last step's [forward ‖ reverse] output, (N, 256), goes to fc(256→10), as
 * PyTorch's {@code out[:, -1, :]}.
 */
@Command(
    name = "bilstm",
    mixinStandardHelpOptions = true,
    description =
        "Train a bidirectional LSTM on sequential Fashion-MNIST; compare with PyTorch and"
            + " libtorch.")
final class BiLstmBench extends LstmBench {
  @Override
  String workload() {
    return "bilstm";
  }

  @Override
  Module model(Rng rng) {
    return new Sequential(
        new Unflatten(28, 28),
        new LSTM(28, 128, 1, true, true, rng),
        new LastStep(true),
        new Linear(256, 10, rng));
  }
}
