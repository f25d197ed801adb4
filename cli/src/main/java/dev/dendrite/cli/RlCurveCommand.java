package dev.dendrite.cli;

import dev.dendrite.io.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite rl curve}: the learning curve of a run, from its metrics log. */
@Command(
    name = "curve",
    mixinStandardHelpOptions = true,
    description =
        "Plot return against environment steps from the --metrics-log of 'rl train', as PNG.")
final class RlCurveCommand implements Callable<Integer> {
  @Option(names = "--log", required = true, paramLabel = "FILE", description = "Metrics log.")
  Path log;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
  Path out;

  @Option(names = "--title", defaultValue = "learning curve", description = "Title.")
  String title;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(log)) throw new java.io.IOException(log + ": no such file");
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    RlCurve.Points p = new RlCurve.Points();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      Object o;
      try {
        o = Json.parse(lines.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(log + ":" + (i + 1) + ": " + e.getMessage());
      }
      if (o instanceof Map<?, ?> m
          && "episode".equals(m.get("event"))
          && m.get("env_steps") instanceof Number s
          && m.get("return") instanceof Number r) p.add(s.longValue(), r.doubleValue());
    }
    if (p.n == 0)
      throw new IllegalArgumentException(log + ": no episode lines; is it an 'rl train' log?");
    RlCurve.write(out, title, p);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + out + " (" + p.n + " episodes)");
    w.flush();
    return 0;
  }
}
