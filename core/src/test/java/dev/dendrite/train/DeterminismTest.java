package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical parameters after a fixed number of Adam steps for the reference
 * MLP, CNN, LSTM and GRU (small sizes, batches large enough that the kernels split their work),
 * from run to run and for 1 and 2 threads.
 */
class DeterminismTest {
  private static final int STEPS = 4;
  private final int threadsBefore = Threads.get();

  @AfterEach
  void restoreThreads() {
    Threads.set(threadsBefore);
  }

  @Test
  void mlp() {
    check(rng -> new Sequential(new Linear(96, 64, rng), new ReLU(), new Linear(64, 10, rng)), 96);
  }

  @Test
  void cnn() {
    check(
        rng ->
            new Sequential(
                new Unflatten(1, 12, 12),
                new Conv2d(1, 8, 3, 1, 1, rng),
                new ReLU(),
                new MaxPool2d(2),
                new Conv2d(8, 8, 3, 1, 1, rng),
                new ReLU(),
                new MaxPool2d(2),
                new Flatten(),
                new Linear(72, 10, rng)),
        144);
  }

  @Test
  void lstm() {
    check(
        rng ->
            new Sequential(
                new Unflatten(8, 12),
                new LSTM(12, 24, 1, true, false, rng),
                new LastStep(true),
                new Linear(24, 10, rng)),
        96);
  }

  @Test
  void gru() {
    check(
        rng ->
            new Sequential(
                new Unflatten(8, 12),
                new GRU(12, 24, 1, true, false, rng),
                new LastStep(true),
                new Linear(24, 10, rng)),
        96);
  }

  private static void check(Function<Rng, Module> model, int features) {
    Threads.set(1);
    Map<String, int[]> one = train(model, features);
    Threads.set(2);
    Map<String, int[]> two = train(model, features), again = train(model, features);
    assertThat(one).isNotEmpty();
    for (String k : one.keySet()) {
      assertThat(two.get(k)).as("%s, 1 vs 2 threads", k).isEqualTo(one.get(k));
      assertThat(again.get(k)).as("%s, run to run", k).isEqualTo(two.get(k));
    }
    Map<String, int[]> start = initial(model);
    assertThat(one.keySet()).allMatch(k -> !java.util.Arrays.equals(one.get(k), start.get(k)));
  }

  /** The parameters' bits after {@link #STEPS} Adam steps on seeded random batches of 64. */
  private static Map<String, int[]> train(Function<Rng, Module> make, int features) {
    Rng rng = new Rng(42);
    Module m = make.apply(rng);
    Optimizer opt = new Adam(1e-2).create(m.parameters());
    CrossEntropyLoss loss = new CrossEntropyLoss();
    for (int s = 0; s < STEPS; s++) {
      Tensor x = Tensor.randn(rng, 64, features);
      float[] y = new float[64];
      for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(10);
      loss.apply(m.forward(x), Tensor.of(y)).backward();
      opt.step();
      opt.zeroGrad();
    }
    return bits(m);
  }

  private static Map<String, int[]> initial(Function<Rng, Module> make) {
    return bits(make.apply(new Rng(42)));
  }

  private static Map<String, int[]> bits(Module m) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (var e : m.stateDict().entrySet()) {
      float[] v = e.getValue().toArray();
      int[] b = new int[v.length];
      for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
      out.put(e.getKey(), b);
    }
    return out;
  }
}
