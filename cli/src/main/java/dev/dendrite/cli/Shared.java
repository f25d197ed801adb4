package dev.dendrite.cli;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What several commands need: loading models, a usage error, plurals. Commands call this, never
 * each other.
 */
final class Shared {
  private Shared() {}

  /** A usage error of {@code spec}'s command: exit code 2 and a pointer to its help. */
  static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** "1 epoch", "2 epochs". */
  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** Whether standard output is a terminal, where a progress bar may redraw itself in place. */
  static boolean terminal() {
    var c = System.console();
    return c != null && c.isTerminal();
  }

  /** A model spec (JSON). */
  static Module loadSpec(Path file) throws IOException {
    return ModelSpec.read(file, new Rng(0));
  }

  /** A model spec (.json) or a saved archive (anything else). */
  static Module loadModel(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    return file.toString().endsWith(".json") ? loadSpec(file) : ModelArchive.load(file);
  }

  /**
   * Refuses data the model cannot take (its width) or whose classes outnumber the model's outputs
   * (with {@code exact}, any other count of outputs), naming both sides, before any batch runs.
   */
  static void checkFits(
      Module model, dev.dendrite.data.Labeled data, Object source, boolean exact) {
    int[] shape = data.features().shape().clone();
    shape[0] = 1;
    int[] outShape;
    try {
      outShape = model.outputShape(shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + ": the model does not take examples of shape "
              + dev.dendrite.tensor.Shape.str(java.util.Arrays.copyOfRange(shape, 1, shape.length))
              + ": "
              + e.getMessage(),
          e);
    }
    int outputs = outShape[outShape.length - 1], classes = data.classes().size();
    if (exact ? outputs != classes : outputs < classes)
      throw new IllegalArgumentException(
          source
              + ": the model's output layer has "
              + plural(outputs, "unit")
              + ", the data has "
              + classes
              + (classes == 1 ? " class" : " classes"));
  }

  /**
   * Refuses an output file ({@code --output}, {@code --checkpoint}) that could not be written,
   * before hours of training rather than after: its folder must exist and take a new file (checked
   * by writing and removing the file's temporary twin, so a read-only mount is caught even for
   * root).
   */
  static void checkWritable(Path file, String option) throws IOException {
    if (file == null) return;
    if (Files.isDirectory(file))
      throw new IOException(option + " " + file + ": is a directory, not a file");
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir))
      throw new IOException(option + " " + file + ": the folder " + dir + " does not exist");
    Path probe = dev.dendrite.io.AtomicFiles.tmpOf(file.toAbsolutePath());
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
    } catch (IOException e) {
      throw new IOException(
          option + " " + file + ": cannot write in " + dir + " (" + Main.message(e) + ")", e);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** {@code shape} with a batch dimension in front. */
  static int[] batched(int batch, int[] shape) {
    int[] s = new int[shape.length + 1];
    s[0] = batch;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }

  /** The index in the top-level Sequential of the first Conv2d; refuses a model without one. */
  static int firstConv(Module m, String file) {
    if (m instanceof Sequential s) {
      for (int i = 0; i < s.layers().size(); i++) if (s.layers().get(i) instanceof Conv2d) return i;
    } else if (m instanceof Conv2d) {
      return 0;
    }
    throw new IllegalArgumentException(file + " has no Conv2d layer at its top level to show");
  }

  static Module layer(Module m, int i) {
    return m instanceof Sequential s ? s.layers().get(i) : m;
  }
}
