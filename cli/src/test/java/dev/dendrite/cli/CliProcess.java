package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the CLI as its own process, for tests that kill it. */
final class CliProcess {
  private CliProcess() {}

  /**
   * The dendrite launcher's command: this JVM and class path, the launcher's flags (its JIT
   * thresholds too: results must not depend on when a kernel gets compiled), then {@code
   * properties} (-D...) and {@code args}; output and errors appended to out.txt and err.txt in
   * {@code dir}, where it runs.
   */
  static Process start(Path dir, List<String> properties, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseParallelGC",
            "-Xmn512m",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.dendrite.kernels.*::*,0.01",
            "-XX:CompileCommand=CompileThresholdScaling,dev.dendrite.tensor.*::*,0.1",
            "-XX:CompileCommand=CompileThresholdScaling,jdk.incubator.vector.*::*,100.0",
            "-XX:CompileCommand=CompileThresholdScaling,jdk.internal.vm.vector.*::*,100.0"));
    cmd.addAll(properties);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.dendrite.cli.Main"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.txt").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()))
        .start();
  }
}
