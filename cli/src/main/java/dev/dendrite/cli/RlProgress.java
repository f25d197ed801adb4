package dev.dendrite.cli;

import dev.dendrite.io.Json;
import dev.dendrite.rl.agent.deep.LearnListener;
import dev.dendrite.rl.agent.deep.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rl train} shows and logs while an agent learns: a progress bar with the running mean
 * return (redrawn in place on a terminal, a line every few seconds otherwise), JSON lines for the
 * metrics log (one per progress report and one per episode), and the episode returns for the
 * learning curve.
 */
final class RlProgress implements LearnListener {
  private final PrintWriter out;
  private final boolean interactive;
  private final Writer log; // null without --metrics-log
  final RlCurve.Points points = new RlCurve.Points();
  private long lastLine;

  RlProgress(PrintWriter out, boolean interactive, Writer log) {
    this.out = out;
    this.interactive = interactive;
    this.log = log;
  }

  @Override
  public void episode(long envStep, double ret, int length) {
    points.add(envStep, ret);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "episode");
    line.put("env_steps", envStep);
    line.put("return", ret);
    line.put("length", length);
    write(line);
  }

  @Override
  public void progress(Progress p) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "progress");
    line.put("env_steps", p.envSteps());
    line.put("episodes", p.episodes());
    line.put("mean_return", Double.isNaN(p.meanReturn()) ? "NaN" : p.meanReturn());
    for (var e : p.metrics().entrySet())
      line.put(e.getKey(), Double.isFinite(e.getValue()) ? e.getValue() : e.getValue().toString());
    line.put("seconds", p.elapsed().toNanos() / 1e9);
    write(line);
    long now = p.elapsed().toNanos();
    boolean last = p.envSteps() >= p.totalSteps();
    if (!interactive && !last && now - lastLine < 5_000_000_000L) return;
    lastLine = now;
    int width = 30, done = (int) (width * p.envSteps() / p.totalSteps());
    String bar =
        "=".repeat(Math.max(0, done - 1)) + (done > 0 ? ">" : "") + " ".repeat(width - done);
    String text =
        String.format(
            Locale.ROOT,
            "[%s] %d/%d steps, %d episodes, mean return %s, %.1f s",
            bar,
            p.envSteps(),
            p.totalSteps(),
            p.episodes(),
            Double.isNaN(p.meanReturn()) ? "-" : String.format(Locale.ROOT, "%.1f", p.meanReturn()),
            now / 1e9);
    if (interactive) out.print("\r\033[K" + text + (last ? "\n" : ""));
    else out.println(text);
    out.flush();
  }

  private void write(Map<String, Object> line) {
    if (log == null) return;
    try {
      log.write(Json.write(line));
      log.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
