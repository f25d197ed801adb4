package dev.dendrite.rl.agent.deep;

import dev.dendrite.nn.Module;
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * What REINFORCE, A2C and PPO share: an {@link ActorCritic} sized by {@code net_layers} and {@code
 * net_width}, and the gradient step on {@code policy + vf_coef·value − ent_coef·entropy} clipped to
 * {@code max_grad_norm}.
 */
abstract class PolicyGradientAgent extends Agent {
  final ActorCritic net;

  PolicyGradientAgent(String envId, HyperParameters hp, long seed) {
    super(envId, hp);
    int[] hidden = Mlp.widths(hp.getInt("net_layers"), hp.getInt("net_width"));
    this.net = new ActorCritic(obsSize, hidden, actions, true, new Rng(seed));
  }

  @Override
  public final Module network() {
    return net;
  }

  /** The exploration generator of a run seeded with {@code seed}. */
  static Rng learnRng(long seed) {
    return new Rng(seed ^ 0x5DEECE66DL);
  }

  /** The rows {@code 0 .. size-1} in order. */
  static int[] identity(int size) {
    int[] rows = new int[size];
    for (int k = 0; k < size; k++) rows[k] = k;
    return rows;
  }

  /** One optimiser step on {@code pg + vfCoef·vLoss − entCoef·ent}, gradients clipped. */
  static void update(
      Optimizer opt,
      Tensor pg,
      Tensor vLoss,
      Tensor ent,
      double vfCoef,
      double entCoef,
      double maxNorm) {
    Tensor loss = pg.add(vLoss.mul((float) vfCoef)).sub(ent.mul((float) entCoef));
    opt.zeroGrad();
    loss.backward();
    Clip.gradNorm(opt.params(), maxNorm, 2);
    opt.step();
  }
}
