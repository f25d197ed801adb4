package dev.dendrite.tensor;

import dev.dendrite.autograd.Grad;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode sweep over the recorded graph.
 *
 * <p>Kahn's algorithm on an explicit work list, never recursion, so a 10,000-op chain (a long RNN
 * unroll) cannot overflow the Java stack. Each node runs once, after every consumer of its output
 * has contributed its gradient. Backward rules run with recording off, unless the caller asks for a
 * graph of the backward itself ({@code createGraph}): then each node's differentiable rule runs
 * while recording, and a node that has none computes its gradients as usual but hands them on
 * behind a node that fails, naming the op, if a later backward reaches it (PyTorch's delayed error
 * for once-differentiable functions).
 */
final class Engine {
  private Engine() {}

  /**
   * Backward from {@code roots}, seeded with {@code seeds} (one per root, same shape). With {@code
   * targets} null, gradients accumulate into the leaves' {@link Tensor#grad()} and null is
   * returned; otherwise no {@code grad} is touched and the result holds the gradient of each target
   * (null for one the roots do not depend on, an error unless {@code allowUnused}).
   */
  static Tensor[] run(
      Tensor[] roots,
      Tensor[] seeds,
      boolean retainGraph,
      boolean createGraph,
      Tensor[] targets,
      boolean allowUnused) {
    if (roots.length != seeds.length)
      throw new IllegalArgumentException(
          "backward: " + roots.length + " outputs but " + seeds.length + " gradients");
    for (int r = 0; r < roots.length; r++) {
      Tensor root = roots[r], seed = seeds[r];
      if (!root.requiresGrad()) {
        throw new IllegalStateException(
            "backward: the tensor of shape "
                + Shape.str(root.shape)
                + " does not require grad and has no graph (was it computed under"
                + " Grad.disabled() or from detached inputs?)");
      }
      if (!Shape.same(seed.shape, root.shape)) {
        throw new IllegalArgumentException(
            "backward: gradient of shape "
                + Shape.str(seed.shape)
                + " given for a tensor of shape "
                + Shape.str(root.shape));
      }
    }
    Map<Tensor, Integer> targetIndex = new IdentityHashMap<>();
    Map<Node, List<Tensor>> nodeTargets = new IdentityHashMap<>();
    Tensor[] results = null;
    if (targets != null) {
      results = new Tensor[targets.length];
      for (int i = 0; i < targets.length; i++) {
        Tensor t = targets[i];
        if (!t.requiresGrad())
          throw new IllegalArgumentException(
              "grad: input " + i + " of shape " + Shape.str(t.shape) + " does not require grad");
        targetIndex.putIfAbsent(t, i);
        if (t.gradFn != null) nodeTargets.computeIfAbsent(t.gradFn, k -> new ArrayList<>()).add(t);
      }
    }
    Sink sink = new Sink(targetIndex, results);
    // Storages already handed out as a gradient (the caller's seeds count): a leaf gets the tensor
    // a backward rule produced unless another leaf already holds that storage (add passes one
    // gradient to both inputs), so the usual case costs no copy and no two leaves alias.
    for (Tensor seed : seeds) sink.handed.add(seed.storage);
    Map<Node, Integer> pendingConsumers = new IdentityHashMap<>();
    Map<Node, Tensor[]> grads = new IdentityHashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    for (int r = 0; r < roots.length; r++) {
      Tensor root = roots[r];
      if (root.gradFn == null) { // a leaf
        sink.leaf(root, seeds[r]);
        continue;
      }
      if (pendingConsumers.putIfAbsent(root.gradFn, 0) == null) stack.push(root.gradFn);
      Tensor[] g = grads.computeIfAbsent(root.gradFn, k -> new Tensor[k.outputs]);
      int o = root.gradOutput;
      g[o] = g[o] == null ? seeds[r] : g[o].add(seeds[r]);
    }
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.inputs == null) throw freed(n);
      for (Tensor in : n.inputs) {
        Node p = in.gradFn;
        if (p == null || !in.requiresGrad()) continue;
        Integer c = pendingConsumers.get(p);
        if (c == null) stack.push(p);
        pendingConsumers.put(p, c == null ? 1 : c + 1);
      }
    }
    Set<Node> needed = targets == null ? null : needed(pendingConsumers, targetIndex);
    ArrayDeque<Node> ready = new ArrayDeque<>();
    for (Tensor root : roots) {
      Node n = root.gradFn;
      if (n != null && pendingConsumers.get(n) == 0 && !ready.contains(n)) ready.add(n);
    }
    try (var off = createGraph ? null : Grad.disabled()) {
      while (!ready.isEmpty()) {
        Node n = ready.poll();
        Tensor[] g = grads.remove(n);
        if (g != null) {
          if (n.retained != null) {
            for (int o = 0; o < g.length; o++)
              if (n.retained[o] != null && g[o] != null) sink.accumulate(n.retained[o], g[o]);
          }
          List<Tensor> ts = nodeTargets.get(n);
          if (ts != null)
            for (Tensor t : ts) if (g[t.gradOutput] != null) sink.leaf(t, g[t.gradOutput]);
        }
        Tensor[] inputs = n.inputs;
        // A node no gradient reached (or, for grad(), that leads to no input asked for) still
        // passes on its consumer count, with no gradient.
        boolean run = g != null && (needed == null || needed.contains(n));
        Tensor[] inGrads = run ? backward(n, g, createGraph) : new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
          Tensor in = inputs[i];
          if (!in.requiresGrad()) continue;
          Tensor gi = inGrads[i];
          if (gi != null && !Shape.same(gi.shape, in.shape)) {
            throw new IllegalStateException(
                "internal error: backward of "
                    + n.name
                    + " gave a gradient of shape "
                    + Shape.str(gi.shape)
                    + " for input "
                    + i
                    + " of shape "
                    + Shape.str(in.shape));
          }
          Node p = in.gradFn;
          if (p == null) {
            if (gi != null) sink.leaf(in, gi);
            continue;
          }
          if (gi != null) {
            Tensor[] pg = grads.computeIfAbsent(p, k -> new Tensor[k.outputs]);
            int o = in.gradOutput;
            pg[o] = pg[o] == null ? gi : pg[o].add(gi);
          }
          int left = pendingConsumers.merge(p, -1, Integer::sum);
          if (left == 0) ready.add(p);
        }
        if (!retainGraph) n.release();
      }
    }
    if (results != null && !allowUnused) {
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null && targetIndex.get(targets[i]) == i) {
          throw new IllegalArgumentException(
              "grad: input "
                  + i
                  + " of shape "
                  + Shape.str(targets[i].shape)
                  + " was not used to compute the outputs (pass allowUnused to get null)");
        }
      }
    }
    if (results != null) // an input listed twice gets the same gradient twice
    for (int i = 0; i < results.length; i++) results[i] = results[targetIndex.get(targets[i])];
    return results;
  }

  private static Tensor[] backward(Node n, Tensor[] g, boolean createGraph) {
    if (!createGraph || !Grad.isEnabled()) return n.backward(g, false);
    if (n.twiceDifferentiable()) return n.backward(g, true);
    Tensor[] inGrads;
    try (var off = Grad.disabled()) {
      inGrads = n.backward(g, false);
    }
    // The gradients depend on the upstream gradients and on the op's inputs; a second backward
    // that reaches them must fail rather than treat them as constants.
    Tensor[] deps = new Tensor[g.length + n.inputs.length];
    int k = 0;
    for (Tensor t : g) if (t != null) deps[k++] = t;
    for (Tensor t : n.inputs) deps[k++] = t;
    Tensor[] depsUsed = java.util.Arrays.copyOf(deps, k);
    String name = n.name;
    for (int i = 0; i < inGrads.length; i++) {
      if (inGrads[i] == null) continue;
      inGrads[i] =
          Tensor.record(
              inGrads[i].detach(),
              name + "Backward",
              depsUsed,
              Tensor.NONE,
              gg -> {
                throw new UnsupportedOperationException(
                    "double backward is not implemented for "
                        + name
                        + ": its gradient was computed with createGraph and is being"
                        + " differentiated again");
              },
              null);
    }
    return inGrads;
  }

  /**
   * The nodes whose backward leads to a target: a node is needed when an input is a target or is
   * computed by a needed node. Producers come after their consumers in Kahn's order, so the reverse
   * of that order settles every node after the nodes it reads.
   */
  private static Set<Node> needed(Map<Node, Integer> pending, Map<Tensor, Integer> targets) {
    Map<Node, Integer> left = new IdentityHashMap<>(pending);
    ArrayDeque<Node> ready = new ArrayDeque<>();
    for (Map.Entry<Node, Integer> e : left.entrySet()) if (e.getValue() == 0) ready.add(e.getKey());
    // (any order of the start nodes gives a valid topological order)
    List<Node> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      Node n = ready.poll();
      order.add(n);
      for (Tensor in : n.inputs) {
        Node p = in.gradFn;
        if (p == null || !in.requiresGrad()) continue;
        if (left.merge(p, -1, Integer::sum) == 0) ready.add(p);
      }
    }
    Set<Node> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = order.size() - 1; i >= 0; i--) {
      Node n = order.get(i);
      for (Tensor in : n.inputs) {
        if (!in.requiresGrad()) continue;
        if (targets.containsKey(in) || (in.gradFn != null && needed.contains(in.gradFn))) {
          needed.add(n);
          break;
        }
      }
    }
    return needed;
  }

  private static IllegalStateException freed(Node n) {
    return new IllegalStateException(
        "backward through "
            + n.name
            + " a second time: the graph was freed by the "
            + "first backward (call backward(grad, true) to keep it)");
  }

  /** Where gradients end: the leaves' {@code grad}, or the results of {@code grad()}. */
  private static final class Sink {
    final Set<Storage> handed = Collections.newSetFromMap(new IdentityHashMap<>());
    final Map<Tensor, Integer> targets;
    final Tensor[] results;

    Sink(Map<Tensor, Integer> targets, Tensor[] results) {
      this.targets = targets;
      this.results = results;
    }

    /** A gradient reaching a leaf, or (for grad()) a tensor asked for. */
    void leaf(Tensor t, Tensor g) {
      if (results == null) {
        if (t.gradFn == null) accumulate(t, g);
        return;
      }
      Integer i = targets.get(t);
      if (i != null) results[i] = results[i] == null ? g : results[i].add(g);
    }

    void accumulate(Tensor t, Tensor g) {
      if (results != null) return; // grad() leaves every grad as it is
      if (t.grad != null) {
        t.grad = t.grad.add(g);
      } else if (g.isContiguous()
          && handed.add(g.storage)) { // leaf gradients are plain, contiguous tensors
        t.grad = g;
      } else {
        t.grad = g.copy();
        handed.add(t.grad.storage);
      }
    }
  }
}
