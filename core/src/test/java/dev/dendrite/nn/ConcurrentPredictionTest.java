package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A trained model in evaluation mode predicts from 8 threads at once, each batch equal bit for bit
 * to its serial prediction, while the shared kernel pool is busy with the others' calls.
 */
class ConcurrentPredictionTest {
  private static final int THREADS = 8, BATCHES = 16;
  private final int threadsBefore = Threads.get();

  @AfterEach
  void restoreThreads() {
    Threads.set(threadsBefore);
  }

  @RepeatedTest(3)
  void mlpWithBatchNorm() throws Exception {
    check(
        new Sequential(
            new Linear(36, 32, new Rng(1)),
            new BatchNorm1d(32),
            new ReLU(),
            new Linear(32, 5, new Rng(2))),
        36);
  }

  @RepeatedTest(3)
  void cnn() throws Exception {
    Rng rng = new Rng(3);
    check(
        new Sequential(
            new Unflatten(1, 6, 6),
            new Conv2d(1, 4, 3, 1, 1, rng),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            new Linear(36, 5, rng)),
        36);
  }

  @RepeatedTest(3)
  void lstmAndGru() throws Exception {
    Rng rng = new Rng(4);
    check(
        new Sequential(
            new Unflatten(6, 6),
            new LSTM(6, 12, 1, true, false, rng),
            new GRU(12, 12, 1, true, false, rng),
            new LastStep(true),
            new Linear(12, 5, rng)),
        36);
  }

  private static void check(Module model, int features) throws Exception {
    Threads.set(2);
    Rng rng = new Rng(9);
    Optimizer opt = new Adam(1e-2).create(model.parameters());
    for (int s = 0; s < 3; s++) {
      float[] y = new float[32];
      for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(5);
      new CrossEntropyLoss()
          .apply(model.forward(Tensor.randn(rng, 32, features)), Tensor.of(y))
          .backward();
      opt.step();
      opt.zeroGrad();
    }
    model.eval();
    List<Tensor> inputs = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) inputs.add(Tensor.randn(rng, 1 + 7 * (b % 5), features));
    List<float[]> serial = new ArrayList<>();
    try (var off = Grad.disabled()) {
      for (Tensor x : inputs) serial.add(model.forward(x).toArray());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<float[]> out = new ArrayList<>();
                  try (var off = Grad.disabled()) {
                    for (int i = 0; i < BATCHES; i++) {
                      Tensor x = inputs.get((first + i) % BATCHES);
                      out.add(model.forward(x).toArray());
                    }
                  }
                  return out;
                }));
      }
      for (int t = 0; t < THREADS; t++) {
        List<float[]> got = results.get(t).get();
        for (int i = 0; i < BATCHES; i++)
          assertThat(got.get(i))
              .as("thread %d, batch %d", t, i)
              .isEqualTo(serial.get((t + i) % BATCHES));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
