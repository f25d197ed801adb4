package dev.dendrite.rl.agent.deep;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.InferencePlan;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DQN's action-value network: an MLP from observation features to one Q value per action. With
 * {@code dueling} (Wang et al. 2016) the last hidden layer feeds two heads, a state value {@code
 * V(s)} and advantages {@code A(s, a)}, combined as {@code Q = V + A − mean_a A} so that V and A
 * are identifiable.
 */
final class QNetwork extends Module {
  private final Sequential trunk;
  private final Linear head; // Q values, or the advantages when dueling
  private final Linear value; // null unless dueling
  private final int actions;

  QNetwork(int in, int[] hidden, int actions, boolean dueling, Rng rng) {
    this.trunk = Mlp.hidden(in, hidden, false, Double.NaN, rng);
    int last = hidden.length == 0 ? in : hidden[hidden.length - 1];
    this.head = new Linear(last, actions, rng);
    this.actions = actions;
    this.value = dueling ? new Linear(last, 1, rng) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = trunk.forward(x);
    Tensor a = head.forward(h);
    if (value == null) return a;
    return value.forward(h).add(a.sub(a.mean(1, true)));
  }

  /** Forward passes with no graph (acting, targets): fused on packed weights unless dueling. */
  Plan plan() {
    return new Plan();
  }

  final class Plan {
    private static final int BLOCK = 512;
    // Its layers have no training-only behaviour (Linear, ReLU), so the plan's eval mode changes
    // nothing the network computes when it trains.
    private final InferencePlan fused =
        value == null ? InferencePlan.compile(new Sequential(trunk, head).eval()) : null;

    /**
     * The Q values of each row of {@code x}, (rows, actions) row-major. A phase's targets (8,192
     * rows) go through in blocks of rows whose activations stay in L2: layer by layer over all the
     * rows, every hidden layer's output went out to memory and came back (the same bits: a row's
     * values do not depend on the rows beside it).
     */
    float[] run(Tensor x) {
      int rows = x.size(0);
      if (fused != null && rows > BLOCK) {
        float[] q = new float[rows * actions];
        for (int r = 0; r < rows; r += BLOCK) {
          float[] part = fused.run(x.slice(0, r, Math.min(rows, r + BLOCK))).toArray();
          System.arraycopy(part, 0, q, r * actions, part.length);
        }
        return q;
      }
      if (fused != null) return fused.run(x).toArray();
      try (var off = Grad.disabled()) {
        return forward(x).toArray();
      }
    }
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("trunk", trunk);
    m.put("head", head);
    if (value != null) m.put("value", value);
    return m;
  }
}
