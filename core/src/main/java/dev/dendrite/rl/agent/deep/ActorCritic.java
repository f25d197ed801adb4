package dev.dendrite.rl.agent.deep;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy and value networks of REINFORCE, A2C and PPO, as Stable-Baselines3's {@code MlpPolicy}
 * for discrete actions: separate MLPs for the policy ({@code pi}) and the value ({@code vf}), a
 * linear head giving the logits of a categorical distribution and one giving {@code V(s)}. Weights
 * start orthogonal: gain √2 in the hidden layers, 0.01 for the logits (a near-uniform first
 * policy), 1 for the value.
 */
final class ActorCritic extends Module {
  private final Sequential pi;
  private final Linear action;
  private final Sequential vf;
  private final Linear valueHead;

  ActorCritic(int in, int[] hidden, int actions, boolean tanh, Rng rng) {
    double g = Math.sqrt(2);
    this.pi = Mlp.hidden(in, hidden, tanh, g, rng);
    this.vf = Mlp.hidden(in, hidden, tanh, g, rng);
    int last = hidden.length == 0 ? in : hidden[hidden.length - 1];
    this.action = Mlp.linear(last, actions, 0.01, rng);
    this.valueHead = Mlp.linear(last, 1, 1.0, rng);
  }

  /** The logits of the action distribution, (batch, actions). */
  @Override
  public Tensor forward(Tensor x) {
    return action.forward(pi.forward(x));
  }

  /** The state values, (batch). */
  Tensor value(Tensor x) {
    Tensor v = valueHead.forward(vf.forward(x));
    return v.reshape(v.size(0));
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("pi", pi);
    m.put("action", action);
    m.put("vf", vf);
    m.put("value", valueHead);
    return m;
  }
}
