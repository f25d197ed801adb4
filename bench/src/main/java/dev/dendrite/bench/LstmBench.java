package dev.dendrite.bench;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import picocli.CommandLine.Command;

/**
 * {@code dendrite bench lstm}: sequential Fashion-MNIST (each image 28 steps of 28 pixels), an LSTM
 * with hidden size 128 and the last step classified by fc(128→10), Adam lr 1e-3; the same fields as
 * {@code bench mlp}; peers pytorch and djl. {@code bench gru} and {@code bench bilstm} change the
 * recurrent layer only.
 */
@Command(
    name = "lstm",
    mixinStandardHelpOptions = true,
    description = "Train an LSTM on sequential Fashion-MNIST; compare with PyTorch and libtorch.")
class LstmBench extends MlpBench {
  @Override
  String workload() {
    return "lstm";
  }

  @Override
  Module model(Rng rng) {
    return new Sequential(
        new Unflatten(28, 28),
        new LSTM(28, 128, 1, true, false, rng),
        new LastStep(true),
        new Linear(128, 10, rng));
  }

  @Override
  Optimizer optimizer(Module m) {
    return new Adam(1e-3).create(m.parameters());
  }
}
