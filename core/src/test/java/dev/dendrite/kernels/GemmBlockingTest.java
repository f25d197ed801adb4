package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmBlockingTest {
  static CpuInfo fixture(String name, int vectorBits) {
    Path d = Path.of("src/test/resources/fixtures/cpu", name);
    return CpuInfo.read(d.resolve("cache"), d.resolve("cpuinfo"), 2, vectorBits);
  }

  /** Ways of a cache of {@code size} bytes and {@code ways} ways that {@code bytes} occupy. */
  static long ways(long size, int ways, long bytes) {
    long way = size / ways;
    return (bytes + way - 1) / way;
  }

  /**
   * Every CPU, at the vector width its JVM would choose: the blocks satisfy the model's constraints
   * (they fit their caches, leaving a way for C) and are not needlessly small.
   */
  @ParameterizedTest
  @CsvSource({
    "xeon-icelake, 512",
    "xeon-icelake-sp, 512",
    "xeon-sapphirerapids, 512",
    "epyc-zen5, 512",
    "epyc-zen4, 512",
    "ryzen-zen3, 256",
    "skylake-avx2, 256",
    "xeon-icelake, 256", // an AVX-512 machine with the JVM held to AVX2 (-XX:UseAVX=2)
  })
  void blocksFitTheirCaches(String cpuName, int bits) {
    CpuInfo cpu = fixture(cpuName, bits);
    GemmBlocking g = GemmBlocking.of(cpu);
    int f = Float.BYTES;
    assertThat(g.vectorBits()).isEqualTo(bits);
    // The register tile fits the register file: accumulators + 2 B vectors + 1 broadcast.
    int registers = bits == 512 ? 32 : 16;
    int accumulators = g.mr() * g.nr() / (bits / 32);
    assertThat(accumulators + 3).as("registers").isLessThanOrEqualTo(registers);
    assertThat(g.nr()).isEqualTo(2 * bits / 32);
    // L1: the B micro-panel and an A micro-panel within W − 1 ways, B taking the most it may.
    long bWays = ways(cpu.l1d(), cpu.l1Ways(), (long) g.kc() * g.nr() * f);
    long aWays = ways(cpu.l1d(), cpu.l1Ways(), (long) g.kc() * g.mr() * f);
    assertThat(bWays + aWays)
        .as("L1 ways of the micro-panels")
        .isLessThanOrEqualTo(cpu.l1Ways() - 1);
    assertThat(ways(cpu.l1d(), cpu.l1Ways(), (long) (g.kc() + g.kc() / 2) * g.nr() * f) + aWays)
        .as("kc half as deep again would not fit")
        .isGreaterThan(cpu.l1Ways() - 1);
    // L2: the A block, a B micro-panel and a way for C.
    long l2Ways =
        ways(cpu.l2(), cpu.l2Ways(), (long) g.mc() * g.kc() * f)
            + ways(cpu.l2(), cpu.l2Ways(), (long) g.kc() * g.nr() * f);
    assertThat(l2Ways).as("L2 ways").isLessThanOrEqualTo(cpu.l2Ways() - 1);
    assertThat((long) (g.mc() + 2 * g.mr()) * g.kc() * f)
        .as("mc is as large as the L2 allows, to a tile or two")
        .isGreaterThan((long) (cpu.l2Ways() - 1 - 1) * cpu.l2() / cpu.l2Ways());
    assertThat(g.mc() % g.mr()).isZero();
    // L3: the B block beside the A block, and a bounded buffer.
    assertThat((long) g.kc() * g.nc() * f + (long) g.mc() * g.kc() * f).isLessThan(cpu.l3());
    assertThat(g.nc() % g.nr()).isZero();
    assertThat(g.nc()).isBetween(g.nr(), GemmBlocking.NC_MAX);
  }

  @Test
  void knownMachinesGetTheBlockingsOfHandTunedLibraries() {
    // This machine's class (AVX-512, 48 KiB 12-way L1): the 12×32 tile and kc = 256, as before.
    GemmBlocking x = GemmBlocking.of(fixture("xeon-icelake", 512));
    assertThat(x.summary()).isEqualTo("512-bit, 12×32 tile, kc=256 mc=1788 nc=4096");
    // A client Skylake (32 KiB 8-way L1, 256 KiB 4-way L2): BLIS's Haswell sgemm has kc = 256,
    // mc = 168 (for a 6×16 tile); the model gives a deeper, shorter block of about the same size.
    GemmBlocking s = GemmBlocking.of(fixture("skylake-avx2", 256));
    assertThat(s.summary()).isEqualTo("256-bit, 4×16 tile, kc=320 mc=100 nc=4096");
    // Zen 4: 512-bit vectors but a 32 KiB L1, so a shallower kc.
    assertThat(GemmBlocking.of(fixture("epyc-zen4", 512)).kc()).isEqualTo(160);
  }

  @Test
  void unreadableCachesFallBackToASmallCore() {
    CpuInfo none = CpuInfo.read(Path.of("/nonexistent/c"), Path.of("/nonexistent/i"), 2, 256);
    GemmBlocking g = GemmBlocking.of(none);
    assertThat(g).isEqualTo(GemmBlocking.of(fixture("skylake-avx2", 256)));
    // 128-bit vectors (no AVX): the 256-bit tile, which the JIT runs in two halves.
    CpuInfo old = CpuInfo.read(Path.of("/nonexistent/c"), Path.of("/nonexistent/i"), 2, 128);
    assertThat(GemmBlocking.of(old).vectorBits()).isEqualTo(256);
  }

  @Test
  void impossibleBlockingsAreRefused() {
    assertThatThrownBy(() -> new GemmBlocking(512, 4, 16, 256, 60, 256))
        .hasMessageContaining("4×16 register tile for 512-bit");
    assertThatThrownBy(() -> new GemmBlocking(256, 4, 16, 256, 61, 256))
        .hasMessageContaining("mc=61");
    assertThatThrownBy(() -> new GemmBlocking(128, 4, 16, 256, 60, 256))
        .hasMessageContaining("256 or 512");
  }
}
