package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole Java GEMM on a JVM held to AVX2 ({@code -XX:UseAVX=2}), as on a CPU without AVX-512: it
 * must pick the 256-bit tile and species everywhere (the dot-product and shallow tiles too) and
 * still compute the right products.
 */
class GemmAvx2Test {
  @Test
  void aJvmHeldToAvx2UsesThe256BitPathAndAgreesWithTheReference() throws Exception {
    String arch = System.getProperty("os.arch");
    assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "-XX:UseAVX=2",
            "-Xshare:auto",
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            Avx2Check.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("256-bit, 4×16 tile").contains("ok");
  }

  /** Runs in the child JVM. */
  static final class Avx2Check {
    public static void main(String[] args) {
      System.out.println(GemmBlocking.current().summary());
      if (GemmJava.L != 8) throw new AssertionError("species " + GemmJava.S);
      long seed = 0;
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          for (int[] s : new int[][] {{7, 33, 5}, {13, 17, 40}, {64, 70, 30}, {70, 90, 300}}) {
            GemmTest.check(
                new GemmTest.Problem(ta, tb, s[0], s[1], s[2], 1, 2, 0.5f, seed % 2), seed++);
          }
        }
      }
      GemmTest.check(new GemmTest.Problem(true, false, 300, 20, 256, 1, 2, 0.5f, 2f), 8);
      GemmTest.check(new GemmTest.Problem(false, true, 64, 100, 1100, 0, 0, 1f, 0f), 9);
      GemmTest.check(new GemmTest.Problem(false, false, 100, 700, 9, 0, 0, 1f, 1f), 10);
      System.out.println("ok");
    }
  }
}
