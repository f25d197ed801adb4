package dev.dendrite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peak resident memory of this process: {@code VmHWM} of {@code /proc/self/status}, what the
 * peers' scripts report too (not {@code ru_maxrss}, which Linux carries across exec, so a child
 * started by a JVM would report the JVM's).
 */
final class PeakRss {
  private PeakRss() {}

  /** This process's peak RSS in MiB; NaN where /proc is not there. */
  static double mb() {
    try {
      return mb(Files.readAllLines(Path.of("/proc/self/status")));
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** The VmHWM of a {@code /proc/<pid>/status} text, in MiB; NaN if it has none. */
  static double mb(List<String> status) {
    for (String l : status) {
      if (!l.startsWith("VmHWM:")) continue;
      String[] w = l.substring(6).trim().split("\\s+");
      try {
        return Long.parseLong(w[0]) / 1024.0; // the kernel writes kB
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
