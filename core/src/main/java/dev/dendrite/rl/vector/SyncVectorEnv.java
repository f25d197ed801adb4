package dev.dendrite.rl.vector;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Space;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * N copies of an environment stepped one after the other in the calling thread, as Gymnasium's
 * {@code SyncVectorEnv}: {@code reset(seed)} seeds copy {@code i} with {@code seed + i}, {@code
 * step} takes one action per copy, and copies whose episode ended are reset automatically as the
 * {@link AutoresetMode} says ({@link AutoresetMode#NEXT_STEP} by default, as Gymnasium).
 */
public final class SyncVectorEnv<O, A> {
  private final List<Env<O, A>> envs;
  private final AutoresetMode mode;
  private final boolean[] autoreset;
  private boolean started;

  /** {@code n} copies built by {@code make}, in {@link AutoresetMode#NEXT_STEP} mode. */
  public SyncVectorEnv(Supplier<Env<O, A>> make, int n) {
    this(make, n, AutoresetMode.NEXT_STEP);
  }

  public SyncVectorEnv(Supplier<Env<O, A>> make, int n, AutoresetMode mode) {
    if (n < 1) throw new IllegalArgumentException("SyncVectorEnv: needs >= 1 copies, got " + n);
    this.envs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) envs.add(make.get());
    this.mode = mode;
    this.autoreset = new boolean[n];
  }

  /** {@code n} copies of the registered environment {@code id}, as {@code gymnasium.make_vec}. */
  public static <O, A> SyncVectorEnv<O, A> make(String id, int n, AutoresetMode mode) {
    return new SyncVectorEnv<>(() -> Envs.<O, A>make(id), n, mode);
  }

  /** The number of copies. */
  public int numEnvs() {
    return envs.size();
  }

  /** The autoreset mode. */
  public AutoresetMode mode() {
    return mode;
  }

  /** The copies themselves. */
  public List<Env<O, A>> envs() {
    return List.copyOf(envs);
  }

  /** The observation space of one copy. */
  public Space<O> singleObservationSpace() {
    return envs.get(0).observationSpace();
  }

  /** The action space of one copy. */
  public Space<A> singleActionSpace() {
    return envs.get(0).actionSpace();
  }

  /** Resets every copy, copy {@code i} with seed {@code seed + i}. */
  public VectorReset<O> reset(long seed) {
    return resetAll(seed, true);
  }

  /** Resets every copy, continuing each one's generator. */
  public VectorReset<O> reset() {
    return resetAll(0, false);
  }

  private VectorReset<O> resetAll(long seed, boolean seeded) {
    List<O> obs = new ArrayList<>(envs.size());
    List<Map<String, Object>> infos = new ArrayList<>(envs.size());
    for (int i = 0; i < envs.size(); i++) {
      Reset<O> r = seeded ? envs.get(i).reset(seed + i) : envs.get(i).reset();
      obs.add(r.observation());
      infos.add(r.info());
      autoreset[i] = false;
    }
    started = true;
    return new VectorReset<>(obs, infos);
  }

  /** Steps every copy with its action ({@code actions.size() == numEnvs()}). */
  public VectorStep<O> step(List<A> actions) {
    if (!started) throw new IllegalStateException("SyncVectorEnv: step() before reset()");
    if (actions.size() != envs.size())
      throw new IllegalArgumentException(
          "SyncVectorEnv: " + actions.size() + " actions for " + envs.size() + " environments");
    int n = envs.size();
    List<O> obs = new ArrayList<>(n);
    double[] rewards = new double[n];
    boolean[] term = new boolean[n];
    boolean[] trunc = new boolean[n];
    List<Map<String, Object>> infos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Env<O, A> env = envs.get(i);
      if (mode == AutoresetMode.NEXT_STEP && autoreset[i]) {
        Reset<O> r = env.reset();
        obs.add(r.observation());
        infos.add(r.info());
      } else {
        Step<O> s = env.step(actions.get(i));
        rewards[i] = s.reward();
        term[i] = s.terminated();
        trunc[i] = s.truncated();
        if (mode == AutoresetMode.SAME_STEP && s.done()) {
          Reset<O> r = env.reset();
          Map<String, Object> info = new HashMap<>(r.info());
          info.put("final_obs", s.observation());
          info.put("final_info", s.info());
          obs.add(r.observation());
          infos.add(info);
        } else {
          obs.add(s.observation());
          infos.add(s.info());
        }
      }
      autoreset[i] = term[i] || trunc[i];
    }
    return new VectorStep<>(obs, rewards, term, trunc, infos);
  }
}
