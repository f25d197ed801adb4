package dev.dendrite.train.callbacks;

import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a run. On a terminal, a bar per epoch redrawn in place at most ten times a second,
 * {@code epoch 3/10 [=========> ] 612/938 loss 0.4123 1.2 s, 0.6 s left}; elsewhere (a log file, a
 * pipe) a plain line every few seconds, so that a long epoch is not silent. Each epoch ends with a
 * summary line of its metrics.
 */
public final class ProgressBar implements TrainListener {
  /** How often a plain progress line is printed when the output is not a terminal. */
  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);

  private final PrintWriter out;
  private final boolean interactive;
  private final long everyNanos;
  private int epochs, steps;
  private long lastDraw, lastLine;
  private double runningLoss;
  private int seen;

  /**
   * {@code interactive} redraws the bar in place; otherwise a progress line prints every {@link
   * #DEFAULT_EVERY}.
   */
  public ProgressBar(PrintStream out, boolean interactive) {
    this(
        new PrintWriter(new OutputStreamWriter(out, out.charset()), true),
        interactive,
        DEFAULT_EVERY);
  }

  public ProgressBar(PrintWriter out, boolean interactive) {
    this(out, interactive, DEFAULT_EVERY);
  }

  /**
   * {@code every}: the interval between plain progress lines (measured by the epoch time the events
   * carry).
   */
  public ProgressBar(PrintWriter out, boolean interactive, Duration every) {
    if (every.isNegative() || every.isZero())
      throw new IllegalArgumentException("progress interval must be positive, got " + every);
    this.out = out;
    this.interactive = interactive;
    this.everyNanos = every.toNanos();
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
        lastLine = 0;
      }
      case TrainEvent.BatchEnded b -> {
        runningLoss += b.loss() * b.batchSize();
        seen += b.batchSize();
        double loss = runningLoss / Math.max(seen, 1), seconds = b.elapsed().toNanos() / 1e9;
        if (interactive) {
          long now = System.nanoTime();
          if (now - lastDraw > 100_000_000L || b.batchInEpoch() == steps) {
            lastDraw = now;
            int width = 30,
                done = steps == 0 ? width : (int) ((long) width * b.batchInEpoch() / steps);
            String bar =
                "=".repeat(Math.max(0, done - 1))
                    + (done > 0 ? ">" : "")
                    + " ".repeat(width - done);
            out.printf(
                Locale.ROOT,
                "\repoch %d/%d [%s] %d/%d loss %.4f %.1f s%s",
                b.epoch(),
                epochs,
                bar,
                b.batchInEpoch(),
                steps,
                loss,
                seconds,
                left(b, ", %.1f s left"));
            out.flush();
          }
        } else if (b.elapsed().toNanos() - lastLine >= everyNanos && b.batchInEpoch() < steps) {
          // The epoch's summary line follows the last batch: a progress line there would only
          // repeat it.
          lastLine = b.elapsed().toNanos();
          out.printf(
              Locale.ROOT,
              "epoch %d/%d: step %d/%d, loss %.4f, %.1f s%s%n",
              b.epoch(),
              epochs,
              b.batchInEpoch(),
              steps,
              loss,
              seconds,
              left(b, ", about %.0f s left in the epoch"));
          out.flush();
        }
      }
      case TrainEvent.EpochEnded en -> {
        if (interactive) out.print("\r\033[K");
        out.printf(
            Locale.ROOT,
            "epoch %d/%d %s (%.1f s)%n",
            en.epoch(),
            epochs,
            format(en.metrics()),
            en.elapsed().toNanos() / 1e9);
        out.flush();
      }
      case TrainEvent.CheckpointSaved c -> {}
      case TrainEvent.RunFinished f -> {
        out.printf(
            Locale.ROOT,
            "%s after %d epoch%s (%.1f s)%n",
            f.reason(),
            f.epochs(),
            f.epochs() == 1 ? "" : "s",
            f.elapsed().toNanos() / 1e9);
        out.flush();
      }
    }
  }

  /**
   * The rest of the epoch at the pace so far, formatted with {@code format}; empty before the pace
   * is known.
   */
  private String left(TrainEvent.BatchEnded b, String format) {
    if (steps == 0 || b.batchInEpoch() >= steps) return "";
    double perStep = b.elapsed().toNanos() / 1e9 / b.batchInEpoch();
    return String.format(Locale.ROOT, format, perStep * (steps - b.batchInEpoch()));
  }

  static String format(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    for (var e : m.entrySet()) {
      if (!sb.isEmpty()) sb.append("  ");
      double v = e.getValue();
      boolean pct = e.getKey().endsWith("accuracy");
      sb.append(e.getKey())
          .append(' ')
          .append(
              pct
                  ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                  : e.getKey().equals("lr")
                      ? String.format(Locale.ROOT, "%.3g", v)
                      : String.format(Locale.ROOT, "%.4f", v));
    }
    return sb.toString();
  }
}
