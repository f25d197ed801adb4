package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The warm-up calls the kernels directly, with hand-made offsets and sizes: every one of its calls
 * must stay inside its arrays, on this machine's tile (and, run with {@code -XX:UseAVX=2}, the
 * 256-bit one).
 */
class WarmUpTest {
  @Test
  void everyWarmUpCallStaysInsideItsArrays() {
    assertThatCode(WarmUp::kernels).doesNotThrowAnyException();
  }
}
