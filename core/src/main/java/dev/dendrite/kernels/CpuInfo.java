package dev.dendrite.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * What the code runs on: the CPU's name, its cores, its data caches and the vector width the JIT
 * gives the Vector API. Read from Linux's {@code /proc/cpuinfo} and {@code
 * /sys/devices/system/cpu/cpu0/cache}, so that kernels can size their blocks to the caches and a
 * benchmark can say which CPU gave its figures.
 *
 * <p>Sizes that cannot be read (another OS, a container hiding /sys) are 0; callers fall back to
 * defaults. {@link #read} takes the two paths so that tests can feed fixtures of other CPUs.
 *
 * @param model the CPU's model name, or "unknown"
 * @param vendor "GenuineIntel", "AuthenticAMD", or "unknown"
 * @param family the x86 family number, or -1
 * @param modelNumber the x86 model number, or -1
 * @param cores logical processors the JVM may use
 * @param l1d bytes of level-1 data cache per core
 * @param l2 bytes of level-2 cache per core (or per its sharing group)
 * @param l3 bytes of level-3 cache in the sharing group of cpu0
 * @param l2Ways associativity of the level-2 cache, or 0
 * @param l1Ways associativity of the level-1 data cache, or 0
 * @param lineBytes cache line size, 64 when unknown
 * @param vectorBits the preferred Vector API width for floats on this JVM (128, 256 or 512)
 * @param avx512 whether /proc/cpuinfo lists avx512f
 * @param fma whether /proc/cpuinfo lists fma
 */
public record CpuInfo(
    String model,
    String vendor,
    int family,
    int modelNumber,
    int cores,
    long l1d,
    long l2,
    long l3,
    int l1Ways,
    int l2Ways,
    int lineBytes,
    int vectorBits,
    boolean avx512,
    boolean fma) {

  private static final Path PROC = Path.of("/proc/cpuinfo");
  private static final Path SYS = Path.of("/sys/devices/system/cpu/cpu0/cache");
  private static volatile CpuInfo current;

  /** This machine, read once. */
  public static CpuInfo current() {
    CpuInfo c = current;
    if (c == null) {
      c =
          read(
              SYS,
              PROC,
              Runtime.getRuntime().availableProcessors(),
              FloatVector.SPECIES_PREFERRED.vectorBitSize());
      current = c;
    }
    return c;
  }

  /**
   * Reads a CPU description from a {@code cache} directory (holding {@code index0}, {@code index1},
   * ... with files {@code level}, {@code type}, {@code size}, {@code ways_of_associativity}, {@code
   * coherency_line_size}) and a {@code cpuinfo} file. Missing files give zero sizes, never an
   * exception.
   */
  public static CpuInfo read(Path cacheDir, Path cpuinfo, int cores, int vectorBits) {
    String model = "unknown", vendor = "unknown", flags = "";
    int family = -1, number = -1;
    for (String line : lines(cpuinfo)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        if (line.isBlank() && !model.equals("unknown")) break; // the first processor is enough
        continue;
      }
      String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
      switch (key) {
        case "model name" -> model = value;
        case "vendor_id" -> vendor = value;
        case "cpu family" -> family = parseInt(value);
        case "model" -> number = parseInt(value);
        case "flags" -> flags = " " + value + " ";
        default -> {}
      }
    }
    long l1d = 0, l2 = 0, l3 = 0;
    int l1Ways = 0, l2Ways = 0, line = 0;
    for (int i = 0; i < 16; i++) {
      Path d = cacheDir.resolve("index" + i);
      if (!Files.isDirectory(d)) continue;
      int level = parseInt(first(d.resolve("level")));
      String type = first(d.resolve("type"));
      long size = parseSize(first(d.resolve("size")));
      int ways = parseInt(first(d.resolve("ways_of_associativity")));
      int ln = parseInt(first(d.resolve("coherency_line_size")));
      if (type.equalsIgnoreCase("Instruction")) continue;
      if (ln > 0) line = ln;
      switch (level) {
        case 1 -> {
          l1d = size;
          l1Ways = Math.max(ways, 0);
        }
        case 2 -> {
          l2 = size;
          l2Ways = Math.max(ways, 0);
        }
        case 3 -> l3 = size;
        default -> {}
      }
    }
    return new CpuInfo(
        model,
        vendor,
        family,
        number,
        cores,
        l1d,
        l2,
        l3,
        l1Ways,
        l2Ways,
        line > 0 ? line : 64,
        vectorBits,
        flags.contains(" avx512f "),
        flags.contains(" fma "));
  }

  /** Floats per vector register. */
  public int vectorFloats() {
    return vectorBits / 32;
  }

  /** One line for logs and benchmark output. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, L1d %d KiB, L2 %d KiB, L3 %d KiB, %d-bit vectors%s",
        model,
        cores,
        l1d >> 10,
        l2 >> 10,
        l3 >> 10,
        vectorBits,
        avx512 ? " (AVX-512)" : fma ? " (AVX2/FMA)" : "");
  }

  private static List<String> lines(Path p) {
    try {
      // /proc files report size 0; read what is there, bounded (the first CPU is at the top)
      List<String> out = new ArrayList<>();
      try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        String s;
        while ((s = r.readLine()) != null && out.size() < 4096) out.add(s);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String first(Path p) {
    List<String> l = lines(p);
    return l.isEmpty() ? "" : l.get(0).trim();
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** "48K", "2048K", "32M", or plain bytes. */
  static long parseSize(String s) {
    s = s.trim();
    if (s.isEmpty()) return 0;
    long unit = 1;
    char last = Character.toUpperCase(s.charAt(s.length() - 1));
    if (last == 'K' || last == 'M' || last == 'G') {
      unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Long.parseLong(s.trim()) * unit;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
