package dev.dendrite.bench;

import dev.dendrite.rl.agent.deep.Agent;
import dev.dendrite.rl.agent.deep.Agents;
import dev.dendrite.rl.agent.deep.LearnListener;
import dev.dendrite.rl.agent.deep.Progress;
import dev.dendrite.tensor.Threads;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench dqn}: DQN on CartPole-v1 with rl-baselines3-zoo's settings (Q-network
 * 4-256-256-2, batch 64, every 256 env steps 128 Adam updates, target copied every 10 steps), many
 * small steps where per-op overhead shows. With {@code --peer pytorch}, {@code
 * bench/pytorch/dqn.py} runs the same DQN with its own NumPy CartPole (Gymnasium's equations) in
 * each of {@link PeerConfig#pytorch}'s thread settings; every ratio is against the best of them.
 * Every line has wall-clock rates, the process's CPU time and its peak RSS. Its updates come in
 * bursts between environment steps, so it has no steady-state rate by batch windows.
 */
@Command(
    name = "dqn",
    mixinStandardHelpOptions = true,
    description = "DQN on CartPole-v1 (many small steps); compare with PyTorch.")
class DqnBench implements Callable<Integer> {
  @Option(
      names = "--steps",
      defaultValue = "50000",
      description = "Environment steps (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(
      names = "--width",
      defaultValue = "256",
      description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Dendrite's kernel threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--peer", description = "Also run the peer in the same command: pytorch.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (steps < 1 || width < 1 || threads < 1)
      throw new IllegalArgumentException("--steps, --width and --threads must be >= 1");
    List<String> peers = MlpBench.peers(peer, List.of("pytorch"));
    Threads.set(threads);
    Agent dqn = Agents.create("dqn", "CartPole-v1", Map.of("net_width", "" + width), seed);
    Progress[] last = new Progress[1];
    LearnListener keep =
        new LearnListener() {
          @Override
          public void progress(Progress p) {
            last[0] = p;
          }
        };
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    dqn.learn(steps, seed, keep);
    double seconds = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
    double updates = last[0].metrics().getOrDefault("updates", 0.0);
    double envRate = steps / seconds, updateRate = updates / seconds;
    JsonLine own =
        line("dendrite")
            .put("config", "threads=" + threads)
            .put("threads", threads)
            .put("env_steps", steps)
            .put("updates", (long) updates)
            .put("seconds", seconds)
            .put("cpu_seconds", cpu)
            .put("env_steps_per_s", envRate)
            .put("updates_per_s", updateRate)
            .put("episodes", last[0].episodes())
            .put("mean_return_last_100", last[0].meanReturn())
            .put("peak_rss_mb", PeakRss.mb());
    System.out.println(own);
    if (peers.isEmpty()) return 0;

    Path script = Path.of(System.getProperty("dendrite.home", ".")).resolve("bench/pytorch/dqn.py");
    // Dendrite runs on --threads (1 by default: the products are tiny); the peer gets its settings
    // for two threads as well, so that it is measured at its strongest.
    List<JsonLine> lines = new ArrayList<>();
    for (PeerConfig c :
        PeerConfig.pytorch(
            Math.max(2, threads),
            t -> {
              List<String> cmd = new ArrayList<>();
              cmd.addAll(List.of("/usr/bin/python3", script.toString(), "--steps", "" + steps));
              cmd.addAll(List.of("--threads", "" + t, "--seed", "" + seed, "--width", "" + width));
              return cmd;
            })) {
      JsonLine l = c.run();
      System.out.println(l);
      lines.add(l);
    }
    System.out.println(Ratios.line(own, "pytorch", lines, MEASURES));
    return 0;
  }

  /** DQN's measures: environment steps and updates per second, and peak RSS. */
  static final List<Ratios.Measure> MEASURES =
      List.of(
          new Ratios.Measure("env_steps_per_s", "env_steps", true),
          new Ratios.Measure("updates_per_s", "updates", true),
          new Ratios.Measure("peak_rss_mb", "peak_rss", false));

  private JsonLine line(String impl) {
    return new JsonLine().put("bench", "dqn").put("impl", impl).put("width", width);
  }
}
