package dev.dendrite.bench;

import dev.dendrite.kernels.CpuInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench table}: this CPU's table for docs/benchmarks.md in one command. Each
 * workload runs as its own {@code dendrite bench <workload> --peer ...}, a fresh JVM through the
 * launcher as a user would start it, so that every peak RSS and every warm-up is that workload's
 * alone. The JSON lines go to standard error as they come; the markdown table, headed by the CPU,
 * to standard output at the end.
 */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description =
        "Run the training workloads against their peers and print this CPU's markdown table.")
final class TableBench implements Callable<Integer> {
  /** The peers each workload has a script for. */
  static final Map<String, List<String>> PEERS =
      Map.of(
          "mlp", List.of("pytorch", "djl"),
          "cnn", List.of("pytorch", "djl"),
          "lstm", List.of("pytorch", "djl"),
          "gru", List.of("pytorch", "djl"),
          "bilstm", List.of("pytorch", "djl"),
          "autoencoder", List.of("pytorch"),
          "dcgan", List.of("pytorch"),
          "rbm", List.of("sklearn"));

  @Option(
      names = "--workloads",
      defaultValue = "mlp,cnn,lstm,gru,bilstm,autoencoder,rbm",
      description =
          "Comma-separated, of mlp, cnn, lstm, gru, bilstm, autoencoder, rbm, dcgan (default:"
              + " ${DEFAULT-VALUE}).")
  String workloads;

  @Option(
      names = "--peer",
      defaultValue = "pytorch,sklearn",
      description =
          "Peers, comma-separated: pytorch, djl, sklearn; each workload runs those it has"
              + " (default: ${DEFAULT-VALUE}).")
  String peer;

  @Option(
      names = "--batch",
      defaultValue = "64",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--epochs",
      defaultValue = "1",
      description = "Epochs of every workload (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Train on the first N examples only (default: all 60,000).")
  int limit;

  @Option(
      names = "--window",
      defaultValue = "50",
      description = "Batches per steady-state window (default: ${DEFAULT-VALUE}).")
  int window;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1 || window < 1 || limit < 0)
      throw new IllegalArgumentException(
          "--batch, --threads, --epochs and --window must be >= 1, --limit >= 0");
    List<String> names =
        MlpBench.names(
            "--workloads", "workload", workloads, List.copyOf(new TreeSet<>(PEERS.keySet())));
    List<String> peers = MlpBench.peers(peer, List.of("pytorch", "djl", "sklearn"));
    Path home = Path.of(System.getProperty("dendrite.home", "."));
    Path launcher = home.resolve("dendrite");
    if (!Files.isExecutable(launcher))
      throw new IllegalStateException("no launcher at " + launcher + " (run this as ./dendrite)");
    MarkdownTable table = new MarkdownTable();
    for (String w : names) {
      List<String> cmd = command(launcher, w, peers);
      System.err.println("bench table: " + String.join(" ", cmd.subList(1, cmd.size())));
      table.add(label(w), run(cmd));
    }
    CpuInfo cpu = CpuInfo.current();
    System.out.println(
        "On "
            + cpu.summary()
            + ", "
            + LocalDate.now(ZoneOffset.UTC)
            + "; "
            + threads
            + " threads, batch "
            + batch
            + ", "
            + epochs
            + (epochs == 1 ? " epoch" : " epochs")
            + (limit > 0 ? " of the first " + limit + " training images" : "")
            + ". Peers at their best setting for each column (named beside the figure);"
            + " steady state: the median over windows of "
            + window
            + " batches after the first.\n");
    System.out.print(table.render(batch));
    return 0;
  }

  /** The {@code dendrite bench} command of one workload, with the peers it has. */
  List<String> command(Path launcher, String workload, List<String> peers) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "bench", workload));
    cmd.addAll(List.of("--batch", "" + batch, "--threads", "" + threads));
    cmd.addAll(List.of("--epochs", "" + epochs, "--limit", "" + limit, "--window", "" + window));
    List<String> own = peers.stream().filter(PEERS.get(workload)::contains).toList();
    if (!own.isEmpty()) cmd.addAll(List.of("--peer", String.join(",", own)));
    return cmd;
  }

  private String label(String workload) {
    return workload + ", " + epochs + (epochs == 1 ? " epoch" : " epochs");
  }

  /** Runs one workload's command; its JSON lines, echoed to standard error as they come. */
  private static List<JsonLine> run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<JsonLine> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        System.err.println(l);
        if (l.startsWith("{")) lines.add(JsonLine.parse(l));
      }
    }
    int exit = p.waitFor();
    if (exit != 0) System.err.println("bench table: " + cmd.get(2) + " failed (exit " + exit + ")");
    return lines;
  }
}
