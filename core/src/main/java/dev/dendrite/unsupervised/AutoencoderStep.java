package dev.dendrite.unsupervised;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainStep;
import dev.dendrite.train.Trainer;
import java.util.List;

/**
 * One autoencoder step: encode the batch's features, decode, the reconstruction loss against the
 * batch's target (the clean input; the features themselves when the target is null), plus the
 * sparsity penalty on the code when there is one, backward, one optimizer step, gradients zeroed.
 * With {@link Corruption#denoising} batches the features are corrupted and the target clean.
 *
 * @param model the autoencoder
 * @param loss the reconstruction loss, e.g. MSE or binary cross-entropy
 * @param sparsity the penalty on the code's mean activation, or null for none
 * @param opt the optimizer over the model's parameters
 */
public record AutoencoderStep(Autoencoder model, Loss loss, SparsityPenalty sparsity, Optimizer opt)
    implements TrainStep<DataLoader.Batch> {
  public AutoencoderStep {
    // The KL of a mean activation is defined only in (0, 1), which ReLU codes leave.
    if (sparsity != null && model.hidden() != Autoencoder.Hidden.SIGMOID)
      throw new IllegalArgumentException(
          "a sparsity penalty needs sigmoid hidden units, got " + model.hidden());
  }

  public AutoencoderStep(Autoencoder model, Loss loss, Optimizer opt) {
    this(model, loss, null, opt);
  }

  /** The objective for {@code input} against {@code target}: reconstruction loss plus penalty. */
  public Tensor objective(Tensor input, Tensor target) {
    return objective(model, loss, sparsity, input, target)[0];
  }

  /** {objective, reconstruction}. */
  static Tensor[] objective(
      Autoencoder model, Loss loss, SparsityPenalty sparsity, Tensor input, Tensor target) {
    Tensor code = model.encode(input);
    Tensor out = model.decode(code);
    Tensor l = loss.apply(out, target);
    if (sparsity != null) l = l.add(sparsity.apply(code));
    return new Tensor[] {l, out};
  }

  @Override
  public Outcome run(DataLoader.Batch batch) {
    Tensor target = batch.target() == null ? batch.features() : batch.target();
    Tensor[] lo = objective(model, loss, sparsity, batch.features(), target);
    float lv = lo[0].item();
    if (!Float.isFinite(lv)) throw new Trainer.Diverged("the loss became " + lv);
    lo[0].backward();
    opt.step();
    opt.zeroGrad();
    return new Outcome(lv, batch.size(), lo[1], target);
  }

  @Override
  public List<Optimizer> optimizers() {
    return List.of(opt);
  }
}
