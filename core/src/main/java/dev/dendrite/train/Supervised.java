package dev.dendrite.train;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The supervised step: {@code output = forward(features)}, {@code loss(output, target)}, backward,
 * optionally the gradients' joint L2 norm clipped, one optimizer step, gradients zeroed.
 *
 * @param forward the model's forward (with any reshape its loss needs, e.g. (N, T, V) → (N·T, V))
 * @param loss the criterion
 * @param opt the optimizer
 * @param clipNorm clip the gradients' joint L2 norm to this (0: no clipping)
 */
public record Supervised(UnaryOperator<Tensor> forward, Loss loss, Optimizer opt, double clipNorm)
    implements TrainStep<DataLoader.Batch> {
  public Supervised {
    if (!(clipNorm >= 0))
      throw new IllegalArgumentException("clip norm must be >= 0, got " + clipNorm);
  }

  public Supervised(UnaryOperator<Tensor> forward, Loss loss, Optimizer opt) {
    this(forward, loss, opt, 0);
  }

  public Supervised withClipNorm(double c) {
    return new Supervised(forward, loss, opt, c);
  }

  @Override
  public Outcome run(DataLoader.Batch batch) {
    Tensor out = forward.apply(batch.features());
    Tensor l = loss.apply(out, batch.target());
    float lv = l.item();
    if (!Float.isFinite(lv)) throw new Trainer.Diverged("the loss became " + lv);
    l.backward();
    if (clipNorm > 0) Clip.gradNorm(opt.params(), clipNorm, 2);
    opt.step();
    opt.zeroGrad();
    return new Outcome(lv, batch.size(), out, batch.target());
  }

  @Override
  public List<Optimizer> optimizers() {
    return List.of(opt);
  }
}
