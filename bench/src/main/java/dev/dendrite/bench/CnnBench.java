package dev.dendrite.bench;

import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import picocli.CommandLine.Command;

/**
 * {@code dendrite bench cnn}: the reference CNN on Fashion-MNIST — conv3x3(1→32, pad
 * 1)-ReLU-maxpool2, conv3x3(32→64, pad 1)-ReLU-maxpool2, flatten, fc(3136→128)-ReLU, fc(128→10) —
 * with Adam lr 1e-3; the same fields and peers as {@code bench mlp}.
 */
@Command(
    name = "cnn",
    mixinStandardHelpOptions = true,
    description = "Train the reference CNN on Fashion-MNIST; compare with PyTorch.")
final class CnnBench extends MlpBench {
  @Override
  String workload() {
    return "cnn";
  }

  @Override
  Module model(Rng rng) {
    return new Sequential(
        new Unflatten(1, 28, 28),
        new Conv2d(1, 32, 3, 1, 1, rng),
        new ReLU(),
        new MaxPool2d(2),
        new Conv2d(32, 64, 3, 1, 1, rng),
        new ReLU(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(3136, 128, rng),
        new ReLU(),
        new Linear(128, 10, rng));
  }

  @Override
  Optimizer optimizer(Module m) {
    return new Adam(1e-3).create(m.parameters());
  }
}
