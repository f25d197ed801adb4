package dev.dendrite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
  static CpuInfo fixture(String name, int vectorBits) {
    Path d = Path.of("src/test/resources/fixtures/cpu", name);
    return CpuInfo.read(d.resolve("cache"), d.resolve("cpuinfo"), 2, vectorBits);
  }

  @Test
  void readsIntelCachesAndFlags() {
    CpuInfo c = fixture("xeon-icelake", 512);
    assertEquals("Intel(R) Xeon(R) Processor", c.model());
    assertEquals("GenuineIntel", c.vendor());
    assertEquals(6, c.family());
    assertEquals(167, c.modelNumber());
    assertEquals(48 << 10, c.l1d()); // the data cache, not the 32 KiB instruction cache
    assertEquals(2048L << 10, c.l2());
    assertEquals(491520L << 10, c.l3());
    assertEquals(12, c.l1Ways());
    assertEquals(16, c.l2Ways());
    assertTrue(c.avx512() && c.fma());
    assertEquals(16, c.vectorFloats());
  }

  @Test
  void readsAmdAndAvx2OnlyCpus() {
    CpuInfo z = fixture("epyc-zen5", 512);
    assertEquals("AuthenticAMD", z.vendor());
    assertEquals(26, z.family());
    assertEquals(1L << 20, z.l2());
    CpuInfo s = fixture("skylake-avx2", 256);
    assertFalse(s.avx512());
    assertTrue(s.fma());
    assertEquals(8L << 20, s.l3());
    assertEquals(4, s.l2Ways());
    assertTrue(s.summary().contains("256-bit vectors (AVX2/FMA)"), s.summary());
  }

  @Test
  void missingFilesGiveZerosNotErrors() {
    CpuInfo c = CpuInfo.read(Path.of("/nonexistent/cache"), Path.of("/nonexistent/info"), 4, 256);
    assertEquals("unknown", c.model());
    assertEquals(0, c.l1d());
    assertEquals(0, c.l2());
    assertEquals(64, c.lineBytes());
    assertEquals(4, c.cores());
  }

  @Test
  void parsesSizeSuffixes() {
    assertEquals(48 << 10, CpuInfo.parseSize("48K"));
    assertEquals(32L << 20, CpuInfo.parseSize("32M"));
    assertEquals(512, CpuInfo.parseSize("512"));
    assertEquals(0, CpuInfo.parseSize("garbage"));
  }
}
