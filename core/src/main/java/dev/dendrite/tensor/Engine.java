package dev.dendrite.tensor;

import dev.dendrite.autograd.Grad;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode sweep over the recorded graph.
 *
 * <p>Kahn's algorithm on an explicit work list, never recursion, so a 10,000-op chain (a long RNN
 * unroll) cannot overflow the Java stack. Each node runs once, after every consumer of its output
 * has contributed its gradient. Backward rules run with recording off.
 */
final class Engine {
  private Engine() {}

  static void backward(Tensor root, Tensor seed, boolean retainGraph) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException(
          "backward: the tensor of shape "
              + Shape.str(root.shape)
              + " does not require grad and has no graph (was it computed under Grad.disabled() or"
              + " from detached inputs?)");
    }
    if (!Shape.same(seed.shape, root.shape)) {
      throw new IllegalArgumentException(
          "backward: gradient of shape "
              + Shape.str(seed.shape)
              + " given for a tensor of shape "
              + Shape.str(root.shape));
    }
    // Storages already handed out as a gradient (the caller's seed counts): a leaf gets the tensor
    // a backward rule produced unless another leaf already holds that storage (add passes one
    // gradient to both inputs), so the usual case costs no copy and no two leaves alias.
    Set<Storage> handed = Collections.newSetFromMap(new IdentityHashMap<>());
    handed.add(seed.storage);
    if (root.gradFn == null) { // a leaf
      accumulate(root, seed, handed);
      return;
    }
    Map<Node, Integer> pendingConsumers = new IdentityHashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root.gradFn);
    pendingConsumers.put(root.gradFn, 0);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.inputs == null) {
        throw new IllegalStateException(
            "backward through "
                + n.name
                + " a second time: the graph was freed by the "
                + "first backward (call backward(grad, true) to keep it)");
      }
      for (Tensor in : n.inputs) {
        Node p = in.gradFn;
        if (p == null || !in.requiresGrad()) continue;
        Integer c = pendingConsumers.get(p);
        if (c == null) stack.push(p);
        pendingConsumers.put(p, c == null ? 1 : c + 1);
      }
    }
    // One gradient per output of each node; most nodes have one.
    Map<Node, Tensor[]> grads = new IdentityHashMap<>();
    Tensor[] seeds = new Tensor[root.gradFn.outputs];
    seeds[root.gradOutput] = seed;
    grads.put(root.gradFn, seeds);
    ArrayDeque<Node> ready = new ArrayDeque<>();
    ready.add(root.gradFn);
    try (var off = Grad.disabled()) {
      while (!ready.isEmpty()) {
        Node n = ready.poll();
        Tensor[] g = grads.remove(n);
        if (n.retained != null && g != null) {
          for (int o = 0; o < g.length; o++)
            if (n.retained[o] != null && g[o] != null) accumulate(n.retained[o], g[o], handed);
        }
        // A node no gradient reached still passes on its consumer count, with no gradient.
        Tensor[] inGrads = g == null ? new Tensor[n.inputs.length] : n.backward(g);
        Tensor[] inputs = n.inputs;
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
            if (gi != null) accumulate(in, gi, handed);
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
        release(n, retainGraph);
      }
    }
  }

  private static void release(Node n, boolean retainGraph) {
    if (!retainGraph) n.release();
  }

  private static void accumulate(Tensor t, Tensor g, Set<Storage> handed) {
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
