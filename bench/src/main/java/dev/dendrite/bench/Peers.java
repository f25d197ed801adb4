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

  /**
   * The command of a DJL (libtorch 2.7.1) runner; builds module bench-djl with -Pdjl first if
   * needed.
   */
  static List<String> djl(Path home, String mainClass, int threads, List<String> args)
      throws IOException, InterruptedException {
    Path classes = home.resolve("bench-djl/target/classes"),
        lib = home.resolve("bench-djl/target/lib");
    // The main class is looked for as well: a build from before a rename holds only the old name.
    if (!Files.isRegularFile(classes.resolve(mainClass.replace('.', '/') + ".class"))
        || !Files.isDirectory(lib)) {
      System.err.println(
          "bench: building the DJL peer (mvn -Pdjl package -pl bench-djl; downloads libtorch"
              + " once)...");
      Process p =
          new ProcessBuilder(
                  "mvn", "-B", "-q", "-Pdjl", "package", "-DskipTests", "-pl", "bench-djl", "-am")
              .directory(home.toFile())
              .inheritIO()
              .start();
      if (p.waitFor() != 0) throw new IllegalStateException("building bench-djl failed");
    }
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

  /** As {@link #run(List, int)}, with {@code env} added to the child's environment. */
  static String run(List<String> cmd, int threads, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
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
      for (String l; (l = r.readLine()) != null; ) last = l;
    }
    if (p.waitFor() != 0 || last == null)
      throw new IllegalStateException(
          "peer " + String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
    return last;
  }
}
