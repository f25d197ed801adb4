package dev.dendrite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark peers as child processes, at their strongest: {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE} are removed from the child's environment only, and the thread count is
 * passed on.
 */
final class Peers {
  private Peers() {}

  /** Builds module bench-djl with -Pdjl if its classes or libraries are not there yet. */
  static void ensureDjl(Path home, String mainClass) throws IOException, InterruptedException {
    Path classes = home.resolve("bench-djl/target/classes"),
        lib = home.resolve("bench-djl/target/lib");
    // The main class is looked for as well: a build from before a rename holds only the old name.
    if (Files.isRegularFile(classes.resolve(mainClass.replace('.', '/') + ".class"))
        && Files.isDirectory(lib)) return;
    System.err.println(
        "bench: building the DJL peer (mvn -Pdjl package -pl bench-djl; downloads libtorch"
            + " once)...");
    Process p =
        new ProcessBuilder(
                "mvn", "-B", "-q", "-Pdjl", "package", "-DskipTests", "-pl", "bench-djl", "-am")
            .directory(home.toFile())
            .inheritIO()
            .start();
    if (p.waitFor() != 0)
      throw new IllegalStateException(
          "building bench-djl failed (it needs DJL 0.36 and libtorch 2.7.1 from Maven Central)");
  }

  /**
   * The command of a DJL (libtorch 2.7.1) runner with {@code threads} intra-op threads and one
   * inter-op thread; {@link #ensureDjl} first.
   */
  static List<String> djl(Path home, String mainClass, int threads, List<String> args) {
    Path classes = home.resolve("bench-djl/target/classes"),
        lib = home.resolve("bench-djl/target/lib");
    Path cache = home.resolve("bench-djl/target/djl-cache");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-DDJL_CACHE_DIR=" + cache,
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classes + ":" + lib + "/*",
                mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /** Runs a peer and returns its last line of standard output. */
  static String run(List<String> cmd, int threads) throws IOException, InterruptedException {
    return run(cmd, threads, Map.of());
  }

  /**
   * As {@link #run(List, int)}, with {@code env} added to the child's environment. A failing peer
   * is reported with the end of its standard error.
   */
  static String run(List<String> cmd, int threads, Map<String, String> env)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("dendrite-peer", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
      pb.environment().remove("OPENBLAS_CORETYPE");
      pb.environment().remove("OPENBLAS_L2_SIZE");
      pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
      pb.environment().putAll(env);
      pb.environment()
          .put(
              "DJL_CACHE_DIR",
              cmd.stream()
                  .filter(s -> s.startsWith("-DDJL_CACHE_DIR="))
                  .findFirst()
                  .map(s -> s.substring("-DDJL_CACHE_DIR=".length()))
                  .orElse(System.getProperty("java.io.tmpdir") + "/djl-cache"));
      Process p = pb.start();
      String last = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) if (!l.isBlank()) last = l;
      }
      if (p.waitFor() != 0 || last == null) {
        List<String> lines = Files.readAllLines(err);
        String tail = lines.isEmpty() ? "" : ": " + lines.getLast().strip();
        throw new IllegalStateException(
            "peer " + String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")" + tail);
      }
      return last;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
