package dev.dendrite.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A terminal progress bar per epoch: {@code epoch 3/10 [=========>      ] 612/938 loss 0.4123 1.2 s},
 * redrawn in place at most ten times a second, then a summary line with the epoch's metrics.
 */
public final class ProgressBar implements TrainListener {
  private final PrintStream out;
  private final boolean interactive;
  private int epochs, steps;
  private long lastDraw;
  private double runningLoss;
  private int seen;

  /** {@code interactive} redraws the bar in place; otherwise only the epoch summaries print. */
  public ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void on(TrainEvent e) {
    switch (e) {
      case TrainEvent.RunStarted r -> {
        epochs = r.epochs();
        steps = r.stepsPerEpoch();
      }
      case TrainEvent.EpochStarted s -> {
        runningLoss = 0;
        seen = 0;
      }
      case TrainEvent.BatchEnded b -> {
        runningLoss += b.loss() * b.batchSize();
        seen += b.batchSize();
        long now = System.nanoTime();
        if (interactive && (now - lastDraw > 100_000_000L || b.batchInEpoch() == steps)) {
          lastDraw = now;
          int width = 30, done = steps == 0 ? width : (int) ((long) width * b.batchInEpoch() / steps);
          String bar = "=".repeat(Math.max(0, done - 1)) + (done > 0 ? ">" : "") + " ".repeat(width - done);
          out.printf(Locale.ROOT, "\repoch %d/%d [%s] %d/%d loss %.4f %.1f s", b.epoch(), epochs, bar, b.batchInEpoch(), steps,
              runningLoss / Math.max(seen, 1), b.elapsed().toNanos() / 1e9);
          out.flush();
        }
      }
      case TrainEvent.EpochEnded en -> {
        if (interactive) out.print("\r\033[K");
        out.printf(Locale.ROOT, "epoch %d/%d %s (%.1f s)%n", en.epoch(), epochs, format(en.metrics()), en.elapsed().toNanos() / 1e9);
      }
      case TrainEvent.CheckpointSaved c -> { }
      case TrainEvent.RunFinished f -> out.printf(Locale.ROOT, "%s after %d epochs (%.1f s)%n", f.reason(), f.epochs(), f.elapsed().toNanos() / 1e9);
    }
  }

  static String format(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    for (var e : m.entrySet()) {
      if (!sb.isEmpty()) sb.append("  ");
      double v = e.getValue();
      boolean pct = e.getKey().endsWith("accuracy");
      sb.append(e.getKey()).append(' ').append(pct ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
          : e.getKey().equals("lr") ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4f", v));
    }
    return sb.toString();
  }
}
