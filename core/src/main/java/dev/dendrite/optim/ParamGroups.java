package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch's {@code param_groups}: one optimizer over several groups of parameters, each group with
 * its own learning rate, weight decay and other settings, e.g. a small rate for a pre-trained
 * backbone and a larger one for a new head:
 *
 * <pre>{@code
 * Optimizer opt = ParamGroups.of(
 *     new SGD(1e-3).withMomentum(0.9).create(backbone),
 *     new SGD(1e-2).withMomentum(0.9).withWeightDecay(5e-4).create(head));
 * }</pre>
 *
 * <p>{@link #lr()} is group 0's rate. {@link #setLr} scales every group by the same factor, so a
 * schedule or {@link ReduceLROnPlateau} driving group 0 keeps the groups' ratios, as PyTorch's
 * schedulers do (each group's rate follows its own initial rate). The state dict numbers parameters
 * across groups in order, {@code "<index>.<name>"}, as one optimizer over all of them would.
 */
public final class ParamGroups implements Optimizer {
  private final List<Optimizer> groups;
  private final double[] initialLr;
  private final List<Tensor> params;
  private final int[] start;

  private ParamGroups(List<Optimizer> groups) {
    if (groups.isEmpty()) throw new IllegalArgumentException("ParamGroups: no groups");
    this.groups = List.copyOf(groups);
    this.initialLr = new double[groups.size()];
    this.start = new int[groups.size() + 1];
    List<Tensor> all = new ArrayList<>();
    Set<Tensor> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (int g = 0; g < groups.size(); g++) {
      initialLr[g] = groups.get(g).lr();
      start[g] = all.size();
      for (Tensor p : groups.get(g).params()) {
        if (!seen.add(p))
          throw new IllegalArgumentException(
              "ParamGroups: a parameter appears in more than one group (group " + g + ")");
        all.add(p);
      }
    }
    start[groups.size()] = all.size();
    this.params = List.copyOf(all);
  }

  /** One optimizer over the groups, each an optimizer made for its own parameters. */
  public static ParamGroups of(Optimizer... groups) {
    return new ParamGroups(List.of(groups));
  }

  public static ParamGroups of(List<Optimizer> groups) {
    return new ParamGroups(groups);
  }

  /** The groups, in order. */
  public List<Optimizer> groups() {
    return groups;
  }

  /** Sets one group's rate alone. */
  public void setLr(int group, double lr) {
    groups.get(group).setLr(lr);
  }

  @Override
  public void step() {
    for (Optimizer o : groups) o.step();
  }

  @Override
  public void zeroGrad() {
    for (Optimizer o : groups) o.zeroGrad();
  }

  @Override
  public double lr() {
    return groups.get(0).lr();
  }

  @Override
  public void setLr(double lr) {
    if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
    groups.get(0).setLr(lr);
    for (int g = 1; g < groups.size(); g++)
      groups.get(g).setLr(initialLr[0] == 0 ? lr : initialLr[g] * (lr / initialLr[0]));
  }

  @Override
  public List<Tensor> params() {
    return params;
  }

  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      for (var e : groups.get(g).stateDict().entrySet()) {
        int dot = e.getKey().indexOf('.');
        int i = Integer.parseInt(e.getKey().substring(0, dot));
        out.put((start[g] + i) + e.getKey().substring(dot), e.getValue());
      }
    }
    return out;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    List<Map<String, Tensor>> parts = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) parts.add(new LinkedHashMap<>());
    Set<String> bad = new HashSet<>();
    for (var e : state.entrySet()) {
      int dot = e.getKey().indexOf('.');
      int i;
      try {
        i = Integer.parseInt(e.getKey().substring(0, Math.max(dot, 0)));
      } catch (NumberFormatException x) {
        throw new IllegalArgumentException("optimizer state: bad key " + e.getKey());
      }
      int g = 0;
      while (g < groups.size() && i >= start[g + 1]) g++;
      if (i < 0 || g == groups.size()) {
        bad.add(e.getKey());
        continue;
      }
      parts.get(g).put((i - start[g]) + e.getKey().substring(dot), e.getValue());
    }
    if (!bad.isEmpty())
      throw new IllegalArgumentException("optimizer state: no parameter for keys " + bad);
    for (int g = 0; g < groups.size(); g++) groups.get(g).loadStateDict(parts.get(g));
  }
}
