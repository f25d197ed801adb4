package dev.dendrite.rl.env;

import dev.dendrite.rl.AbstractEnv;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;
import dev.dendrite.rl.space.Discrete;
import dev.dendrite.rl.space.Space;
import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid world defined by its transition table, as Gymnasium's toy-text environments: {@code reset}
 * draws the start from an initial distribution, {@code step} draws one outcome of {@code P[s][a]}
 * (by Gymnasium's {@code categorical_sample}) and returns {@code info = {"prob": p}}.
 */
public abstract class ToyTextEnv extends AbstractEnv<Integer, Integer> implements TabularModel {
  private final List<List<List<Transition>>> table;
  private double[] initial;
  private final Discrete observationSpace;
  private final Discrete actionSpace;

  /** The current state. */
  protected int s;

  /** The last action, or -1 right after reset. */
  protected int lastAction = -1;

  protected ToyTextEnv(int numStates, int numActions, double[] initial) {
    this.initial = initial.clone();
    this.observationSpace = new Discrete(numStates);
    this.actionSpace = new Discrete(numActions);
    table = new ArrayList<>(numStates);
    for (int i = 0; i < numStates; i++) {
      List<List<Transition>> row = new ArrayList<>(numActions);
      for (int a = 0; a < numActions; a++) row.add(new ArrayList<>());
      table.add(row);
    }
  }

  /** Replaces the initial distribution (for a subclass that computes it with its table). */
  protected final void setInitial(double[] p) {
    initial = p.clone();
  }

  /** Adds an outcome to {@code P[state][action]} while the subclass builds its table. */
  protected final void add(int state, int action, Transition t) {
    table.get(state).get(action).add(t);
  }

  /** Freezes the table once built. */
  protected final void seal() {
    for (var row : table) for (int a = 0; a < row.size(); a++) row.set(a, List.copyOf(row.get(a)));
  }

  @Override
  public Space<Integer> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }

  @Override
  public int numStates() {
    return observationSpace.n();
  }

  @Override
  public int numActions() {
    return actionSpace.n();
  }

  @Override
  public List<Transition> transitions(int state, int action) {
    return table.get(state).get(action);
  }

  /** The current state. */
  public int state() {
    return s;
  }

  /** The probability of starting in each state. */
  public double[] initialDistribution() {
    return initial.clone();
  }

  @Override
  protected Reset<Integer> onReset() {
    s = categoricalSample(initial, rng);
    lastAction = -1;
    return new Reset<>(s, resetInfo());
  }

  @Override
  protected Step<Integer> onStep(Integer action) {
    List<Transition> ts = transitions(s, action);
    double[] p = new double[ts.size()];
    for (int i = 0; i < p.length; i++) p[i] = ts.get(i).prob();
    Transition t = ts.get(categoricalSample(p, rng));
    s = t.next();
    lastAction = action;
    return new Step<>(s, t.reward(), t.terminated(), false, stepInfo(t.prob()));
  }

  /** The info of {@code reset}: {@code {"prob": 1.0}}. */
  protected Map<String, Object> resetInfo() {
    return Map.of("prob", 1.0);
  }

  /** The info of {@code step}: {@code {"prob": p}}. */
  protected Map<String, Object> stepInfo(double prob) {
    Map<String, Object> m = new HashMap<>();
    m.put("prob", prob);
    return m;
  }

  /**
   * Gymnasium's {@code categorical_sample}: the first index whose cumulative probability exceeds
   * one uniform draw.
   */
  static int categoricalSample(double[] p, Rng rng) {
    double u = rng.nextDouble();
    double c = 0;
    for (int i = 0; i < p.length; i++) {
      c += p[i];
      if (c > u) return i;
    }
    return 0; // numpy's argmax of an all-false array
  }
}
