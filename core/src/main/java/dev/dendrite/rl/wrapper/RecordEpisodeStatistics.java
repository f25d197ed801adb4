package dev.dendrite.rl.wrapper;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each episode's return and length, as Gymnasium's {@code RecordEpisodeStatistics}: the step
 * that ends an episode carries {@code info["episode"] = {"r": return, "l": length, "t": seconds}},
 * and the last {@code bufferLength} returns and lengths stay available.
 */
public final class RecordEpisodeStatistics<O, A> extends Wrapper<O, A> {
  private final int bufferLength;
  private final ArrayDeque<Double> returns = new ArrayDeque<>();
  private final ArrayDeque<Integer> lengths = new ArrayDeque<>();
  private int episodeCount;
  private double episodeReturn;
  private int episodeLength;
  private long start;

  /** With Gymnasium's buffer of 100 episodes. */
  public RecordEpisodeStatistics(Env<O, A> env) {
    this(env, 100);
  }

  public RecordEpisodeStatistics(Env<O, A> env, int bufferLength) {
    super(env);
    if (bufferLength < 1)
      throw new IllegalArgumentException(
          "RecordEpisodeStatistics: buffer length must be >= 1, got " + bufferLength);
    this.bufferLength = bufferLength;
  }

  @Override
  public Reset<O> reset(long seed) {
    Reset<O> r = env.reset(seed);
    begin();
    return r;
  }

  @Override
  public Reset<O> reset() {
    Reset<O> r = env.reset();
    begin();
    return r;
  }

  private void begin() {
    episodeReturn = 0;
    episodeLength = 0;
    start = System.nanoTime();
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    episodeReturn += s.reward();
    episodeLength++;
    if (!s.done()) return s;
    if (s.info().containsKey("episode"))
      throw new IllegalStateException(id() + ": info already has an 'episode' entry");
    double seconds = Math.round((System.nanoTime() - start) / 1e3) / 1e6;
    Map<String, Object> info = new HashMap<>(s.info());
    info.put("episode", Map.of("r", episodeReturn, "l", episodeLength, "t", seconds));
    push(returns, episodeReturn);
    push(lengths, episodeLength);
    episodeCount++;
    start = System.nanoTime();
    return new Step<>(s.observation(), s.reward(), s.terminated(), s.truncated(), info);
  }

  private <T> void push(ArrayDeque<T> q, T v) {
    if (q.size() == bufferLength) q.removeFirst();
    q.addLast(v);
  }

  /** The returns of the last episodes, oldest first. */
  public List<Double> returnQueue() {
    return List.copyOf(returns);
  }

  /** The lengths of the last episodes, oldest first. */
  public List<Integer> lengthQueue() {
    return List.copyOf(lengths);
  }

  /** Episodes finished so far. */
  public int episodeCount() {
    return episodeCount;
  }
}
