package dev.dendrite.kernels;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * How {@link GemmJava} blocks a product for one CPU: the register tile (mr rows × nr columns of C)
 * and vector width, and the depth kc, rows mc and columns nc of the packed blocks.
 *
 * <p>Chosen by the analytical cache model of BLIS (Low, Igual, Smith, Quintana-Ortí, "Analytical
 * modeling is enough for high-performance BLIS", ACM TOMS 43(2), 2016), from the sizes and ways of
 * the caches that {@link CpuInfo} reads:
 *
 * <ul>
 *   <li><b>Register tile.</b> The accumulators, two B vectors and a broadcast of A must fit the
 *       register file: 32 registers with AVX-512 give 12×2 vectors (12×32 floats), 16 with AVX2
 *       give 4×2 (4×16 floats; see {@link GemmMicro256} for why not BLIS's 6×16).
 *   <li><b>kc from L1.</b> A kc×nr micro-panel of B stays in L1 while kc×mr micro-panels of A
 *       stream through it; one way is left for C. With N sets of line C and W ways, B gets {@code
 *       C_B = ⌊(W − 1)/(1 + mr/nr)⌋} ways (A takes mr/nr as many) and {@code kc = C_B·N·C /
 *       (nr·4)}.
 *   <li><b>mc from L2.</b> An mc×kc block of A stays in L2 while the micro-panels of B pass: of the
 *       L2's ways, one is left for C and as many as a micro-panel of B needs; {@code mc = C_A·N·C /
 *       (kc·4)}, rounded down to a multiple of mr.
 *   <li><b>nc from L3.</b> A kc×nc block of B stays in L3 in the same way, capped so that the
 *       packed block stays a few MiB (the L3 is shared, and a VM may report a large one).
 * </ul>
 *
 * <p>A model, not a timing: the same CPU gives the same blocking, so runs repeat and there is
 * nothing to cache or invalidate. Sizes that cannot be read fall back to those of a small client
 * core (32 KiB 8-way L1, 256 KiB 4-way L2, 8 MiB L3). The system properties {@code
 * dendrite.gemm.vector} (256 or 512), {@code dendrite.gemm.kc}, {@code dendrite.gemm.mc} and {@code
 * dendrite.gemm.nc} override the choice for experiments.
 *
 * @param vectorBits the width of the vectors the kernels use, 256 or 512
 * @param mr rows of the register tile
 * @param nr columns of the register tile (two vectors)
 * @param kc depth of a packed block
 * @param mc rows of a packed block of A, a multiple of mr
 * @param nc columns of a packed block of B, a multiple of nr
 */
public record GemmBlocking(int vectorBits, int mr, int nr, int kc, int mc, int nc) {
  /** Largest nc, so that a packed B block (kc·nc floats) stays a few MiB. */
  static final int NC_MAX = 4096;

  private static final GemmBlocking CURRENT = fromProperties(of(CpuInfo.current()));

  public GemmBlocking {
    if (vectorBits != 256 && vectorBits != 512)
      throw new IllegalArgumentException("vector width must be 256 or 512, got " + vectorBits);
    if (mr != (vectorBits == 512 ? 12 : 4) || nr != vectorBits / 16)
      throw new IllegalArgumentException(
          "no " + mr + "×" + nr + " register tile for " + vectorBits + "-bit vectors");
    if (kc < 1 || mc < mr || mc % mr != 0 || nc < nr || nc % nr != 0)
      throw new IllegalArgumentException(
          "blocking kc=" + kc + " mc=" + mc + " nc=" + nc + " for a " + mr + "×" + nr + " tile");
  }

  /** The blocking of this machine (with any overrides), computed once. */
  public static GemmBlocking current() {
    return CURRENT;
  }

  /** The model's choice for a CPU. */
  public static GemmBlocking of(CpuInfo cpu) {
    return of(cpu, cpu.vectorBits() >= 512 ? 512 : 256);
  }

  /** The model's choice for a CPU with vectors of the given width (256 or 512). */
  public static GemmBlocking of(CpuInfo cpu, int vectorBits) {
    int mr = vectorBits == 512 ? 12 : 4, nr = vectorBits / 16;
    int line = cpu.lineBytes() > 0 ? cpu.lineBytes() : 64;
    Cache l1 = new Cache(cpu.l1d(), cpu.l1Ways(), line, 32 << 10, 8);
    Cache l2 = new Cache(cpu.l2(), cpu.l2Ways(), line, 256 << 10, 4);
    // /sys gives no L3 ways to CpuInfo; 16 is what current Intel and AMD parts have, near enough.
    Cache l3 = new Cache(cpu.l3(), 16, line, 8 << 20, 16);

    int bWaysL1 = Math.max(1, (int) ((l1.ways - 1) / (1 + (double) mr / nr)));
    int kc = (int) (bWaysL1 * l1.wayBytes() / (nr * Float.BYTES));
    kc = Math.clamp(kc, 32, 1024);

    int bWaysL2 = ways(l2, (long) kc * nr * Float.BYTES);
    int aWaysL2 = Math.max(1, l2.ways - 1 - bWaysL2);
    int mc = (int) Math.min(1 << 14, aWaysL2 * l2.wayBytes() / ((long) kc * Float.BYTES));
    mc = Math.max(mr, mc / mr * mr);

    int aWaysL3 = ways(l3, (long) mc * kc * Float.BYTES);
    int bWaysL3 = Math.max(1, l3.ways - 1 - aWaysL3);
    long nc = bWaysL3 * l3.wayBytes() / ((long) kc * Float.BYTES);
    int ncr = (int) Math.max(nr, Math.min(NC_MAX, nc) / nr * nr);
    return new GemmBlocking(vectorBits, mr, nr, kc, mc, ncr);
  }

  /** The model's choice with the {@code dendrite.gemm.*} overrides applied. */
  static GemmBlocking fromProperties(GemmBlocking model) {
    int bits = Integer.getInteger("dendrite.gemm.vector", model.vectorBits);
    GemmBlocking g = bits == model.vectorBits ? model : of(CpuInfo.current(), checkBits(bits));
    int kc = Integer.getInteger("dendrite.gemm.kc", g.kc);
    int mc = Integer.getInteger("dendrite.gemm.mc", g.mc);
    int nc = Integer.getInteger("dendrite.gemm.nc", g.nc);
    // Round to whole tiles, so that an experiment need not know the tile shape.
    mc = Math.max(g.mr, mc / g.mr * g.mr);
    nc = Math.max(g.nr, nc / g.nr * g.nr);
    return new GemmBlocking(g.vectorBits, g.mr, g.nr, kc, mc, nc);
  }

  private static int checkBits(int bits) {
    if (bits != 256 && bits != 512)
      throw new IllegalArgumentException("dendrite.gemm.vector must be 256 or 512, got " + bits);
    return bits;
  }

  /** The float species of the kernels. */
  public VectorSpecies<Float> species() {
    return vectorBits == 512 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
  }

  /** One line for logs and benchmark output. */
  public String summary() {
    return String.format(
        Locale.ROOT, "%d-bit, %d×%d tile, kc=%d mc=%d nc=%d", vectorBits, mr, nr, kc, mc, nc);
  }

  /** Ways of a cache that {@code bytes} of contiguous data occupy, at least one. */
  private static int ways(Cache c, long bytes) {
    return (int) Math.max(1, (bytes + c.wayBytes() - 1) / c.wayBytes());
  }

  /** A set-associative cache: bytes per way = sets × line = size / ways. */
  private record Cache(long size, int ways, int line) {
    Cache(long size, int ways, int line, long fallbackSize, int fallbackWays) {
      this(
          size > 0 ? size : fallbackSize,
          size > 0 && ways > 0 ? ways : size > 0 ? 8 : fallbackWays,
          line);
    }

    long wayBytes() {
      return size / ways;
    }
  }
}
