package dev.dendrite.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020), with epochs as the budget, in one or more
 * Hyperband brackets. Bracket s trains trials first for {@code minEpochs·η^s} epochs, then for η
 * times as many at each rung up to {@code maxEpochs}. Whenever a worker is free, the highest rung
 * with a trial in the top 1/η of the rung below that was not promoted yet gets it; otherwise a new
 * trial starts at the bottom rung. Nothing waits for a rung to fill, so no worker idles, and a
 * promoted trial continues from where it stopped. Higher scores are better; NaN is the worst.
 */
public final class Asha implements Scheduler {
  private final int eta, maxTrials, brackets;
  private final List<int[]> rungs = new ArrayList<>();
  private final Map<Integer, Integer> bracketOf = new HashMap<>();
  // per bracket, per rung: trial -> score reached there
  private final List<List<Map<Integer, Double>>> scores = new ArrayList<>();
  // per bracket, per rung: trials sent on from that rung
  private final List<List<Set<Integer>>> promoted = new ArrayList<>();
  private final Set<Integer> begun = new TreeSet<>();

  /**
   * @param minEpochs the bottom rung of bracket 0 (≥ 1)
   * @param maxEpochs the top rung, what a trial that is never stopped trains for
   * @param eta the reduction factor η (≥ 2): a rung keeps its best 1/η
   * @param brackets Hyperband brackets (1: plain ASHA); trial i is in bracket i mod brackets
   * @param maxTrials configurations to start at most
   */
  public Asha(int minEpochs, int maxEpochs, int eta, int brackets, int maxTrials) {
    if (minEpochs < 1) throw new IllegalArgumentException("min epochs must be >= 1");
    if (maxEpochs < minEpochs)
      throw new IllegalArgumentException("max epochs must be >= min epochs (" + minEpochs + ")");
    if (eta < 2) throw new IllegalArgumentException("eta must be >= 2, got " + eta);
    if (brackets < 1) throw new IllegalArgumentException("brackets must be >= 1");
    this.eta = eta;
    this.maxTrials = maxTrials;
    for (int s = 0; s < brackets; s++) {
      List<Integer> r = new ArrayList<>();
      for (long e = minEpochs * pow(eta, s); e < maxEpochs; e *= eta) r.add((int) e);
      r.add(maxEpochs);
      if (s > 0 && r.size() == rungs.get(s - 1).length) break; // no bracket beyond max epochs
      rungs.add(r.stream().mapToInt(Integer::intValue).toArray());
      List<Map<Integer, Double>> sc = new ArrayList<>();
      List<Set<Integer>> pr = new ArrayList<>();
      for (int k = 0; k < r.size(); k++) {
        sc.add(new LinkedHashMap<>());
        pr.add(new HashSet<>());
      }
      scores.add(sc);
      promoted.add(pr);
    }
    this.brackets = rungs.size();
  }

  private static long pow(int b, int e) {
    long p = 1;
    for (int i = 0; i < e; i++) p *= b;
    return p;
  }

  /** The epochs of each rung of bracket {@code s}, bottom first. */
  public int[] rungs(int s) {
    return rungs.get(s).clone();
  }

  public int brackets() {
    return brackets;
  }

  @Override
  public Job next() {
    for (int s = 0; s < brackets; s++) {
      int[] r = rungs.get(s);
      for (int k = r.length - 2; k >= 0; k--) {
        Map<Integer, Double> at = scores.get(s).get(k);
        List<Integer> best = new ArrayList<>(at.keySet());
        best.sort((a, b) -> order(at.get(a), at.get(b), a, b));
        int keep = best.size() / eta;
        for (int j = 0; j < keep; j++) {
          int t = best.get(j);
          if (Double.isNaN(at.get(t))) break;
          if (promoted.get(s).get(k).add(t)) return new Job(t, k + 1, r[k], r[k + 1]);
        }
      }
    }
    if (begun.size() >= maxTrials) return null;
    int t = 0;
    while (begun.contains(t)) t++;
    begun.add(t);
    bracketOf.put(t, t % brackets);
    return new Job(t, 0, 0, rungs.get(t % brackets)[0]);
  }

  /** Orders trials best score first, NaN last, ties by trial number. */
  private static int order(double x, double y, int tx, int ty) {
    boolean nx = Double.isNaN(x), ny = Double.isNaN(y);
    int c = nx || ny ? Boolean.compare(nx, ny) : Double.compare(y, x);
    return c != 0 ? c : Integer.compare(tx, ty);
  }

  @Override
  public void report(Job job, double score) {
    record(job.trial(), job.rung(), score);
  }

  @Override
  public void restore(int trial, int epochs, double score) {
    int s = trial % brackets;
    int[] r = rungs.get(s);
    for (int k = 0; k < r.length; k++) {
      if (r[k] == epochs) {
        begun.add(trial);
        bracketOf.put(trial, s);
        if (k > 0) promoted.get(s).get(k - 1).add(trial);
        record(trial, k, score);
        return;
      }
    }
    throw new IllegalArgumentException(
        "trial " + trial + " stopped at " + epochs + " epochs, not a rung of this search");
  }

  private void record(int trial, int rung, double score) {
    scores.get(bracketOf.get(trial)).get(rung).put(trial, score);
  }

  @Override
  public int maxEpochs() {
    return rungs.get(0)[rungs.get(0).length - 1];
  }
}
