package dev.dendrite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One way of running a peer: its thread settings, named by {@code label} (e.g. {@code
 * torch=2,openblas=1}), the command, and what it adds to the child's environment. A peer is only at
 * its strongest in one of its settings, and which one depends on the CPU and the workload: Debian's
 * PyTorch does its products in OpenBLAS, whose own threads can help torch's or fight them, and on
 * two cores a single thread sometimes wins outright.
 *
 * @param peer the peer's name: pytorch, djl, sklearn
 * @param label the thread settings, as printed in the line's {@code config} field
 * @param threads the peer's compute threads (its {@code OMP_NUM_THREADS})
 */
record PeerConfig(
    String peer, String label, int threads, List<String> command, Map<String, String> env) {

  /**
   * PyTorch's three settings for {@code threads} cores: torch threads T with OpenBLAS's threads on
   * (T of them), T with {@code OPENBLAS_NUM_THREADS=1}, and everything on one thread; {@code
   * command} gets the torch thread count as its argument.
   */
  static List<PeerConfig> pytorch(int threads, IntFunction<List<String>> command) {
    List<PeerConfig> out = new ArrayList<>();
    int[][] settings = {{threads, threads}, {threads, 1}, {1, 1}};
    for (int[] s : settings) {
      String label = "torch=" + s[0] + ",openblas=" + s[1];
      if (out.stream().anyMatch(c -> c.label.equals(label))) continue; // T = 1: one setting
      out.add(
          new PeerConfig(
              "pytorch",
              label,
              s[0],
              command.apply(s[0]),
              Map.of("OPENBLAS_NUM_THREADS", "" + s[1])));
    }
    return out;
  }

  /**
   * scikit-learn's settings: its BLAS on {@code threads} threads and on one; {@code command} gets
   * the BLAS thread count as its argument.
   */
  static List<PeerConfig> sklearn(int threads, IntFunction<List<String>> command) {
    Map<String, PeerConfig> out = new LinkedHashMap<>();
    for (int t : new int[] {threads, 1})
      out.putIfAbsent(
          "openblas=" + t,
          new PeerConfig(
              "sklearn",
              "openblas=" + t,
              t,
              command.apply(t),
              Map.of("OPENBLAS_NUM_THREADS", "" + t)));
    return List.copyOf(out.values());
  }

  /**
   * libtorch's (DJL's) settings: {@code threads} intra-op threads and one, both with one inter-op
   * thread (an eager training step has no independent ops to overlap); {@code command} gets the
   * intra-op thread count as its argument.
   */
  static List<PeerConfig> djl(int threads, IntFunction<List<String>> command) {
    Map<String, PeerConfig> out = new LinkedHashMap<>();
    for (int t : new int[] {threads, 1})
      out.putIfAbsent(
          "intra=" + t,
          new PeerConfig("djl", "intra=" + t + ",interop=1", t, command.apply(t), Map.of()));
    return List.copyOf(out.values());
  }

  /** Runs the peer in this setting; its last output line, with {@code peer} and {@code config}. */
  JsonLine run() throws java.io.IOException, InterruptedException {
    String last = Peers.run(command, threads, env);
    return JsonLine.parse(last).put("peer", peer).put("config", label);
  }
}
