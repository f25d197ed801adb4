package dev.dendrite.train;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Truncated backpropagation through time (Williams &amp; Peng 1990) over a long stream: the stream
 * runs in chunks of {@code k} time steps; each chunk's loss is back-propagated through that chunk
 * only and the optimizer steps, while the recurrent state is carried into the next chunk with its
 * values but detached from the graph. Memory and work per update are O(k) whatever the stream's
 * length, and the forward pass is that of the whole stream.
 *
 * <p>Call order: construct, then {@link #run} once per pass over the stream; pass the returned
 * state to the next {@code run} to continue the stream. Each pass is a run of {@link Trainer}, one
 * chunk a step, so it emits the same events as any other training.
 */
public final class TruncatedBptt {
  /**
   * What a chunk's forward gives: its loss, and the state at its end (carried, detached, into the
   * next chunk).
   */
  public record Step(Tensor loss, List<Tensor> state) {}

  /**
   * One chunk's forward over time steps [from, to), starting from {@code state} (empty at the start
   * of a stream).
   */
  @FunctionalInterface
  public interface Chunk {
    Step run(int from, int to, List<Tensor> state);
  }

  /** The loss of every chunk, in order, and the state after the last one. */
  public record Result(double[] losses, List<Tensor> state) {}

  private final int k;
  private final Optimizer opt;

  public TruncatedBptt(int k, Optimizer opt) {
    if (k < 1)
      throw new IllegalArgumentException("TruncatedBptt: chunk length k must be >= 1, got " + k);
    this.k = k;
    this.opt = opt;
  }

  /**
   * Runs a stream of {@code length} time steps from {@code state} (empty for the layer's default):
   * one pass of {@link Trainer}, whose batches are the chunks in order and whose step carries the
   * state from one chunk to the next.
   */
  public Result run(int length, List<Tensor> state, Chunk chunk) {
    if (length < 1)
      throw new IllegalArgumentException(
          "TruncatedBptt: the stream must have at least one step, got " + length);
    int chunks = (length + k - 1) / k;
    double[] losses = new double[chunks];
    DataLoader<Integer> order =
        new DataLoader<>(chunks, 1, false, false, 0, (rows, number) -> rows[0]);
    var step =
        new TrainStep<Integer>() {
          List<Tensor> carried = detached(state);

          @Override
          public Outcome run(Integer c) {
            int from = c * k, to = Math.min(length, from + k);
            Step s = chunk.run(from, to, carried);
            double v = s.loss().item();
            if (!Double.isFinite(v))
              throw new Trainer.Diverged(
                  "TruncatedBptt: loss "
                      + v
                      + " in chunk "
                      + c
                      + " (steps "
                      + from
                      + " to "
                      + to
                      + ")");
            s.loss().backward();
            opt.step();
            opt.zeroGrad();
            losses[c] = v;
            carried = detached(s.state());
            return new Outcome(v, to - from, null, null);
          }

          @Override
          public List<Optimizer> optimizers() {
            return List.of(opt);
          }
        };
    opt.zeroGrad();
    new Trainer(null, new TrainConfig(1, 1, 0)).fit(order, step);
    return new Result(losses, step.carried);
  }

  private static List<Tensor> detached(List<Tensor> state) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : state) out.add(t.detach()); // same values, no path back into the previous chunk
    return List.copyOf(out);
  }

  /**
   * The usual chunk: {@code rnn} over the chunk of {@code x} (its layout, (T, N, I) or (N, T, I)),
   * {@code head} on every step's output, flattened to (T_c·N, D·H), and {@code loss} against the
   * matching chunk of {@code target} (its first two dimensions those of {@code x}), flattened the
   * same way. The state is [h] or, for an LSTM, [h, c].
   */
  public static Chunk recurrent(Recurrent rnn, Module head, Loss loss, Tensor x, Tensor target) {
    int td = rnn.batchFirst() ? 1 : 0;
    if (x.dim() != 3
        || target.dim() < 2
        || x.size(0) != target.size(0)
        || x.size(1) != target.size(1)) {
      throw new IllegalArgumentException(
          "TruncatedBptt: the target's first two dimensions must be the input's, got input "
              + Shape.str(x.shape())
              + " and target "
              + Shape.str(target.shape()));
    }
    return (from, to, state) -> {
      Recurrent.Output o =
          rnn.forwardWithState(
              x.slice(td, from, to),
              state.isEmpty() ? null : state.get(0),
              state.size() > 1 ? state.get(1) : null);
      Tensor out = o.output();
      Tensor y = head.forward(out.reshape(out.size(0) * out.size(1), out.size(2)));
      Tensor tc = target.slice(td, from, to);
      int[] ts = tc.shape();
      int[] flat = new int[ts.length - 1];
      flat[0] = ts[0] * ts[1];
      System.arraycopy(ts, 2, flat, 1, ts.length - 2);
      Tensor l = loss.apply(y, tc.reshape(flat));
      return new Step(l, o.c() == null ? List.of(o.h()) : List.of(o.h(), o.c()));
    };
  }
}
