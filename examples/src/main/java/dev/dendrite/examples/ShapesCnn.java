package dev.dendrite.examples;

import dev.dendrite.data.ImageFolder;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import java.nio.file.Path;

/**
 * A small convolutional network on a folder of images, one sub-folder per class: by default {@code
 * examples/data/shapes} (16×16 gray circles, squares and crosses; {@link ExampleData} drew them).
 * The same code reads any folder of PNG/JPEG images, Fashion-MNIST exported as PNGs included.
 *
 * <p>Run: {@code ./dendrite example ShapesCnn [DIR]}.
 */
public final class ShapesCnn {
  private ShapesCnn() {}

  public static void main(String[] args) throws Exception {
    // The launcher sets dendrite.home to the repository, so the default folder is found from any
    // directory.
    Path dir =
        args.length > 0
            ? Path.of(args[0])
            : Path.of(System.getProperty("dendrite.home", "."), "examples", "data", "shapes");
    Labeled all = ImageFolder.read(dir, false, 16, 16); // (N, 1, 16, 16), pixels in [0, 1]
    Labeled[] parts = all.split(0.75, 1);
    int classes = all.classes().size();

    Rng rng = new Rng(1);
    Module cnn =
        new Sequential(
            new Conv2d(1, 8, 3, 1, 1, rng),
            new ReLU(),
            new MaxPool2d(2), // (N, 8, 8, 8)
            new Conv2d(8, 16, 3, 1, 1, rng),
            new ReLU(),
            new MaxPool2d(2), // (N, 16, 4, 4)
            new Flatten(),
            new Linear(16 * 4 * 4, classes, rng));
    System.out.print(cnn.summary(1, 1, 16, 16));

    new Trainer(
            cnn,
            new CrossEntropyLoss(),
            new Adam(0.01).create(cnn.parameters()),
            new TrainConfig(30, 8, 1))
        .listen(new ProgressBar(System.out, false))
        .fit(parts[0], null);
    Trainer.Evaluation ev = Trainer.evaluate(cnn, new CrossEntropyLoss(), parts[1], 64);
    System.out.printf(
        "test accuracy %.1f%% on %d images of %s%n",
        100 * ev.confusion().accuracy(), parts[1].size(), all.classes());
  }
}
