package dev.dendrite.examples;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.Standardizer;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import java.nio.file.Path;

/**
 * A multilayer perceptron on Fisher's Iris data (bundled): standardise the features on the training
 * part, train 4-16-3 with Adam, report the test accuracy, save the model with its class names and
 * standardisation, load it back and classify one raw flower.
 *
 * <p>Run: {@code ./dendrite example IrisMlp [model.dnd]}.
 */
public final class IrisMlp {
  private IrisMlp() {}

  public static void main(String[] args) throws Exception {
    Labeled[] parts = Iris.load().split(0.8, 1); // 120 training, 30 test flowers
    Standardizer std = Standardizer.fit(parts[0]); // fitted on the training part only
    Labeled[] trainVal = std.apply(parts[0]).split(0.9, 2);
    Labeled train = trainVal[0], validation = trainVal[1], test = std.apply(parts[1]);

    Rng rng = new Rng(1);
    Module model = new Sequential(new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng));
    Optimizer opt = new Adam(0.01).create(model.parameters());
    Trainer.Result r =
        new Trainer(model, new CrossEntropyLoss(), opt, new TrainConfig(40, 16, 7))
            .listen(new ProgressBar(System.out, false))
            .fit(train, validation);
    double accuracy =
        Trainer.evaluate(model, new CrossEntropyLoss(), test, 64).confusion().accuracy();
    System.out.printf(
        "%s after %d epochs; test accuracy %.1f%%%n", r.reason(), r.epochs(), 100 * accuracy);

    Path file =
        Path.of(
            args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/iris-example.dnd");
    var info =
        new ModelArchive.Info(
            train.classes(),
            "iris",
            new ModelArchive.Standardization(std.mean().toArray(), std.std().toArray()));
    ModelArchive.save(file, model, info);

    ModelArchive.Loaded loaded = ModelArchive.loadWithMetadata(file);
    Tensor flower = Tensor.of(new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}); // raw centimetres
    try (var off = Grad.disabled()) {
      Tensor p = loaded.model().eval().forward(loaded.info().prepare(flower)).softmax(1);
      int best = (int) p.argmax().item();
      System.out.printf(
          "saved to %s; reloaded, it calls 5.1,3.5,1.4,0.2 %s (p = %.3f)%n",
          file, loaded.info().classes().get(best), p.get(0, best));
    }
  }
}
