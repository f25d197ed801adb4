package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dendrite eval}: a saved model's loss, accuracy and confusion matrix on a data set's test split. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a saved model on a data set's test split.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "A model archive written by `dendrite train --output`.")
  Path model;

  @Option(names = "--data", description = "Data set: ${COMPLETION-CANDIDATES} (default: the one it was trained on).")
  DataSets.Name data;

  @Option(names = "--seed", defaultValue = "1", description = "The seed of the train/test split for iris (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    Archived a = Archived.load(model);
    DataSets.Name name = dataOf(a, data);
    Labeled test = testData(a, name, seed);
    Trainer.Evaluation ev = Trainer.evaluate(a.loaded().model(), new CrossEntropyLoss(), test, 256);
    System.out.printf(Locale.ROOT, "%s on %s: accuracy %.2f%%, loss %.4f over %d examples%n", model, name, 100 * ev.confusion().accuracy(),
        ev.loss(), test.size());
    System.out.print(ev.confusion());
    return 0;
  }

  /** The data set named on the command line, else the one the archive was trained on, else iris. */
  static DataSets.Name dataOf(Archived a, DataSets.Name data) {
    return data != null ? data : a.data() != null ? DataSets.Name.valueOf(a.data()) : DataSets.Name.iris;
  }

  /** The test split of {@code name}, prepared as the archive's model expects it (its saved standardisation applied). */
  static Labeled testData(Archived a, DataSets.Name name, long seed) throws IOException {
    // Fashion-MNIST's test file alone: reading the 60,000 training images as well took most of the time.
    Labeled raw = name == DataSets.Name.fashion_mnist ? dev.dendrite.data.FashionMnist.load(false)
        : name == DataSets.Name.iris ? rawTest(DataSets.load(name, seed)) : DataSets.load(name, seed).test();
    return new Labeled(a.prepare(raw.features()), raw.labels(), raw.classes());
  }

  /** The iris test split before standardisation (the archive carries its own). */
  private static Labeled rawTest(DataSets.Split s) {
    return new Labeled(s.test().features().mul(dev.dendrite.tensor.Tensor.of(s.std())).add(dev.dendrite.tensor.Tensor.of(s.mean())),
        s.test().labels(), s.test().classes());
  }
}
