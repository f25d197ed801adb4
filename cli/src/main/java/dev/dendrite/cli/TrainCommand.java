package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Threads;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite train}: a multi-layer perceptron trained by backpropagation with mini-batch SGD
 * (momentum), on a real data set. Batch GD, SGD and mini-batch GD are batch sizes N, 1 and b.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a multi-layer perceptron (ReLU hidden layer, softmax output) by backpropagation.")
final class TrainCommand implements Callable<Integer> {
  enum DataSet { iris, fashion_mnist }

  @Option(names = "--data", description = "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, bundled).", defaultValue = "iris")
  DataSet data;

  @Option(names = "--epochs", description = "Passes over the training data (default: 60 for iris, 2 for fashion_mnist).")
  Integer epochs;

  @Option(names = "--batch-size", description = "Mini-batch size; 1 is SGD, the whole set is batch GD (default: 16 / 64).")
  Integer batchSize;

  @Option(names = "--hidden", description = "Hidden units (default: ${DEFAULT-VALUE}).", defaultValue = "64")
  int hidden;

  @Option(names = "--lr", description = "Learning rate (default: 0.05 / 0.1).")
  Double lr;

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
  double momentum;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--threads", description = "Threads for the kernels (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (threads != null) Threads.set(threads);
    boolean iris = data == DataSet.iris;
    int ep = epochs != null ? epochs : iris ? 60 : 2;
    int bs = batchSize != null ? batchSize : iris ? 16 : 64;
    double rate = lr != null ? lr : iris ? 0.05 : 0.1;
    if (ep < 1 || bs < 1 || hidden < 1 || !(rate > 0)) {
      throw new IllegalArgumentException("--epochs, --batch-size and --hidden must be >= 1 and --lr > 0");
    }
    Labeled train, test;
    if (iris) {
      Labeled all = Iris.load();
      Labeled[] parts = all.split(0.8, seed);
      // Standardise with the training split's statistics only.
      Tensor mean = parts[0].features().mean(0, true), std = parts[0].features().var(new int[] {0}, 0, true).sqrt();
      train = new Labeled(parts[0].features().sub(mean).div(std), parts[0].labels(), all.classes());
      test = new Labeled(parts[1].features().sub(mean).div(std), parts[1].labels(), all.classes());
    } else {
      train = FashionMnist.load(true);
      test = FashionMnist.load(false);
    }
    int in = train.features().size(1), classes = train.classes().size();
    out.printf(Locale.ROOT, "data %s: %d training and %d test examples, %d features, %d classes%n",
        data, train.size(), test.size(), in, classes);
    out.printf(Locale.ROOT, "model: Linear(%d→%d) → ReLU → Linear(%d→%d) → softmax; SGD lr %.3g momentum %.2f, batch %d, %d epochs%n",
        in, hidden, hidden, classes, rate, momentum, bs, ep);

    Rng rng = new Rng(seed);
    // PyTorch's nn.Linear default: U(−1/√fan_in, 1/√fan_in) for weight and bias.
    float b1 = (float) (1 / Math.sqrt(in)), b2 = (float) (1 / Math.sqrt(hidden));
    List<Tensor> params = List.of(
        Tensor.uniform(rng, -b1, b1, hidden, in).requiresGrad(true), Tensor.uniform(rng, -b1, b1, hidden).requiresGrad(true),
        Tensor.uniform(rng, -b2, b2, classes, hidden).requiresGrad(true), Tensor.uniform(rng, -b2, b2, classes).requiresGrad(true));
    Tensor[] velocity = new Tensor[params.size()];

    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Tensor trainY = train.labelTensor();
    double acc = 0;
    for (int epoch = 1; epoch <= ep; epoch++) {
      long t0 = System.nanoTime();
      rng.shuffle(order);
      double lossSum = 0;
      int seen = 0;
      for (int start = 0; start < order.length; start += bs) {
        int end = Math.min(order.length, start + bs);
        float[] idx = new float[end - start];
        for (int i = start; i < end; i++) idx[i - start] = order[i];
        Tensor rows = Tensor.of(idx);
        Tensor x = train.features().indexSelect(0, rows), y = trainY.indexSelect(0, rows);
        Tensor loss = crossEntropy(forward(params, x), y);
        loss.backward();
        try (var off = Grad.disabled()) {
          for (int p = 0; p < params.size(); p++) {
            Tensor w = params.get(p), g = w.grad();
            // PyTorch's SGD: the buffer starts as the first gradient, then buf = μ·buf + g.
            velocity[p] = velocity[p] == null ? g.copy() : velocity[p].mulInPlace((float) momentum).addInPlace(g);
            w.addInPlace((float) -rate, velocity[p]);
            w.zeroGrad();
          }
        }
        lossSum += loss.item() * (end - start);
        seen += end - start;
      }
      acc = accuracy(params, test);
      out.printf(Locale.ROOT, "epoch %3d/%d  loss %.4f  test accuracy %5.1f%%  (%.2f s)%n",
          epoch, ep, lossSum / seen, 100 * acc, (System.nanoTime() - t0) / 1e9);
    }
    out.printf(Locale.ROOT, "final test accuracy %.1f%% on %d examples%n", 100 * acc, test.size());
    return 0;
  }

  private static Tensor forward(List<Tensor> p, Tensor x) {
    Tensor h = x.matmul(p.get(0).t()).add(p.get(1)).relu();
    return h.matmul(p.get(2).t()).add(p.get(3));
  }

  /** Mean of −log softmax(z)[y]: PyTorch's CrossEntropyLoss on logits. */
  private static Tensor crossEntropy(Tensor logits, Tensor y) {
    return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
  }

  private static double accuracy(List<Tensor> params, Labeled set) {
    try (var off = Grad.disabled()) {
      float[] pred = forward(params, set.features()).argmax(1, false).toArray();
      int right = 0;
      for (int i = 0; i < pred.length; i++) if ((int) pred[i] == set.labels()[i]) right++;
      return (double) right / pred.length;
    }
  }
}
