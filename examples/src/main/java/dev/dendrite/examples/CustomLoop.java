package dev.dendrite.examples;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.ReduceLROnPlateau;
import dev.dendrite.optim.Schedules;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.Metric;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import dev.dendrite.train.callbacks.LROnPlateau;
import dev.dendrite.train.callbacks.LRScheduler;
import dev.dendrite.train.callbacks.ProgressBar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one training loop with a model that is not a classifier: a regression of y = x² − x/2 +
 * noise. The batches come from a {@link DataLoader} whose collate function builds them from example
 * indices; the step is {@link Supervised} (forward, MSE, backward, Adam); a per-step warm-up and a
 * plateau scheduler act through the event stream; the validation error picks the weights kept; a
 * checkpoint after every epoch lets a killed run resume where it stopped.
 *
 * <p>Run: {@code ./dendrite example CustomLoop}.
 */
public final class CustomLoop {
  private CustomLoop() {}

  public static void main(String[] args) throws Exception {
    Rng rng = new Rng(1);
    Tensor x = Tensor.rand(rng, 512, 1).mul(2).sub(1); // x in [-1, 1)
    Tensor y = x.square().sub(x.mul(0.5f)).add(Tensor.randn(rng, 512, 1).mul(0.05f));
    Tensor xVal = Tensor.rand(rng, 128, 1).mul(2).sub(1), yVal = xVal.square().sub(xVal.mul(0.5f));

    DataLoader.Collate<DataLoader.Batch> rowsOf =
        (rows, number) -> {
          Tensor r = DataLoader.indexTensor(rows);
          return new DataLoader.Batch(x.indexSelect(0, r), y.indexSelect(0, r));
        };
    DataLoader<DataLoader.Batch> batches = new DataLoader<>(512, 32, true, false, 7, rowsOf);
    Module model = new Sequential(new Linear(1, 32, rng), new Tanh(), new Linear(32, 1, rng));
    Optimizer opt = new Adam(0.01).create(model.parameters());
    Path checkpoint = Files.createTempDirectory("dendrite").resolve("sine.ckpt");

    Validation valMse =
        () -> {
          try (var off = Grad.disabled()) {
            return Map.of(
                "val_mse", (double) new MSELoss().apply(model.forward(xVal), yVal).item());
          }
        };
    Trainer trainer =
        new Trainer(
                model,
                new TrainConfig(30, 32, 7)
                    .withEarlyStopping(EarlyStopping.keepBest("val_mse", true))
                    .withCheckpoint(checkpoint, 1))
            .metrics(Metric.loss(), Metric.mae())
            .validate(valMse)
            .listen(LRScheduler.perStep(opt, Schedules.constant(0.01).afterWarmup(50, 0.1)))
            .listen(new LROnPlateau(new ReduceLROnPlateau(opt), "val_mse"))
            .listen(new ProgressBar(System.out, false));
    trainer.resumeIfPresent(checkpoint); // a killed run goes on from here
    Trainer.Result r = trainer.fit(batches, new Supervised(model::forward, new MSELoss(), opt));
    System.out.printf(
        "best validation MSE %.5f at epoch %d of %d%n", r.best(), r.bestEpoch(), r.epochs());
  }
}
