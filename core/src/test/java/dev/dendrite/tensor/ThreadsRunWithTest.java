package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadsRunWithTest {
  /** Two threads at once, each with its own pool, compute what the shared pool computes. */
  @Test
  void eachCallerGetsItsOwnThreadsAndTheSameNumbers() throws Exception {
    Rng rng = new Rng(3);
    Tensor a = Tensor.randn(rng, 96, 200), b = Tensor.randn(rng, 200, 80);
    float[] expected = a.matmul(b).toArray();
    int outside = Threads.get();
    float[][] got = new float[2][];
    int[] seen = new int[2];
    Thread[] ts = new Thread[2];
    for (int i = 0; i < 2; i++) {
      int k = i;
      ts[i] =
          new Thread(
              () ->
                  Threads.runWith(
                      k + 1,
                      () -> {
                        seen[k] = Threads.get();
                        got[k] = a.matmul(b).toArray();
                      }));
      ts[i].start();
    }
    for (Thread t : ts) t.join();
    assertThat(seen).containsExactly(1, 2);
    assertThat(got[0]).containsExactly(expected);
    assertThat(got[1]).containsExactly(expected);
    assertThat(Threads.get()).isEqualTo(outside);
    assertThatThrownBy(() -> Threads.runWith(0, () -> {}))
        .hasMessage("threads must be >= 1, got 0");
  }
}
