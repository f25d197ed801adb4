package dev.dendrite.unsupervised;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy layer-wise pre-training, shared by {@link DeepBeliefNet} and {@link StackedAutoencoder}:
 * layer 1 trains on the data, each next layer on what the trained layer below makes of it, every
 * layer in a trainer run of its own that every listener hears.
 */
final class GreedyLayerwise {
  private GreedyLayerwise() {}

  /** What a stack says of one of its layers. */
  interface Layer<M extends Module> {
    /** The validation of layer {@code m} on the held-out data as it reaches that layer. */
    Validation validation(M m, Tensor held);

    /** Trains layer {@code i} ({@code m}) on {@code x} with {@code trainer}. */
    Trainer.Result fit(Trainer trainer, M m, int i, Tensor x);

    /** What the trained layer hands the next one. */
    Tensor up(M m, Tensor x);
  }

  static <M extends Module> List<Trainer.Result> pretrain(
      String owner,
      List<M> layers,
      Tensor data,
      Tensor val,
      TrainConfig cfg,
      TrainListener[] listeners,
      Layer<M> layer) {
    // One file for several models would hold only the last layer, and resume it into the first.
    if (cfg.checkpoint() != null)
      throw new IllegalArgumentException(
          owner
              + ": pre-training runs one trainer per layer and cannot share the checkpoint "
              + cfg.checkpoint()
              + "; train the layers one by one to checkpoint them");
    List<Trainer.Result> results = new ArrayList<>();
    Tensor x = data, xv = val;
    for (int i = 0; i < layers.size(); i++) {
      M m = layers.get(i);
      Trainer trainer = new Trainer(m, cfg);
      for (TrainListener l : listeners) trainer.listen(l);
      if (xv != null) trainer.validate(layer.validation(m, xv));
      results.add(layer.fit(trainer, m, i, x));
      if (i + 1 < layers.size()) {
        x = layer.up(m, x);
        if (xv != null) xv = layer.up(m, xv);
      }
    }
    return results;
  }

  /** A clear error when {@code x} is not (N, sizes[0]). */
  static void checkWidth(String owner, int[] sizes, String units, Tensor x, String what) {
    if (x.dim() != 2 || x.size(1) != sizes[0])
      throw new IllegalArgumentException(
          owner
              + ": layer sizes "
              + Arrays.toString(sizes)
              + " start with "
              + sizes[0]
              + " "
              + units
              + ", but the "
              + what
              + " has shape "
              + Arrays.toString(x.shape())
              + (x.dim() == 2 ? " (" + x.size(1) + " columns)" : ""));
  }
}
