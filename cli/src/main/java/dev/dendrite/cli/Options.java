package dev.dendrite.cli;

import dev.dendrite.tensor.Threads;
import dev.dendrite.train.callbacks.MetricsLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options several commands share, as picocli mixins: one spelling, one description, one check. */
final class Options {
  private Options() {}

  /** {@code --threads}: the size of the kernels' thread pool. */
  static final class ThreadCount {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Threads for the kernels (default: all cores).")
    Integer threads;

    /**
     * Sets the pool's size if the option was given, and starts compiling the kernels on a
     * background thread while the command reads its data (see {@link Threads#warmUp}).
     */
    void apply() {
      if (threads == null) {
        Threads.warmUp();
        return;
      }
      int cores = Runtime.getRuntime().availableProcessors(), most = Math.max(64, 4 * cores);
      // More threads than cores only adds switching; thousands would exhaust memory for stacks.
      if (threads < 1 || threads > most)
        throw Shared.usage(
            mixee,
            "--threads must be between 1 and "
                + most
                + " (this machine has "
                + Shared.plural(cores, "core")
                + "), got "
                + threads);
      Threads.set(threads);
      Threads.warmUp();
    }
  }

  /** {@code --seed}: every random choice of a run (initialisation, shuffling, splits, sampling). */
  static final class Seed {
    @Option(
        names = "--seed",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "Seed of the run's random numbers; the same seed gives the same result (default:"
                + " ${DEFAULT-VALUE}).")
    long seed;
  }

  /** A labelled CSV file or a folder of images, in place of a named data set. */
  static final class FileSource {
    @Option(
        names = "--csv",
        paramLabel = "FILE",
        description =
            "A labelled CSV file instead of --data (header line, numeric features); see --label.")
    Path csv;

    @Option(
        names = "--label",
        paramLabel = "COLUMN",
        description = "The label column of --csv (default: ${DEFAULT-VALUE}).",
        defaultValue = "label")
    String label;

    @Option(
        names = "--images",
        paramLabel = "DIR",
        description =
            "A folder of PNG/JPEG images instead of --data, one sub-folder per class (DIR/train and"
                + " DIR/test if present).")
    Path images;

    @Option(
        names = "--image-size",
        paramLabel = "HxW",
        converter = Converters.HeightWidth.class,
        description = "Resize --images to HxW, e.g. 28x28 (default: the size of the first image).")
    Converters.Sizes imageSize;

    @Option(
        names = "--rgb",
        description = "Read --images in colour (3 channels) instead of grayscale.")
    boolean rgb;

    boolean given() {
      return csv != null || images != null;
    }

    String describe() {
      return images != null ? images.toString() : csv.toString();
    }

    /**
     * The file's or folder's training and test parts (split by {@code seed} unless the folder
     * splits itself); null when neither is given.
     */
    DataSets.Split load(CommandSpec command, long seed) throws IOException {
      if (csv != null && images != null)
        throw Shared.usage(command, "--csv and --images exclude each other");
      if (images != null) {
        int[] size = imageSize == null ? new int[] {0, 0} : imageSize.values();
        return DataSets.images(images, rgb, size[0], size[1], seed);
      }
      return csv != null ? DataSets.csv(csv, label, seed) : null;
    }
  }

  /** What a classifier trains on: a named data set, a CSV file or a folder of images. */
  static final class Data {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
        names = "--data",
        paramLabel = "NAME",
        description =
            "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, bundled; fashion-mnist"
                + " is also accepted).",
        defaultValue = "iris")
    DataSets.Name data;

    @Mixin FileSource files;

    @Option(
        names = "--normalize",
        description =
            "Normalise each image channel to mean 0, std 1 with the training images' statistics.")
    boolean normalize;

    /**
     * Small tabular data (iris, a CSV file) gets the small defaults: a narrower network, more
     * epochs, smaller batches.
     */
    boolean tabular() {
      return (data == DataSets.Name.iris && files.images == null) || files.csv != null;
    }

    /** The data set's name as the run reports it. */
    String describe() {
      return files.given() ? files.describe() : data.toString();
    }

    /** The named data set's name to store in an archive, or null for a file or folder. */
    String name() {
      return files.given() ? null : data.name();
    }

    DataSets.Split load(long seed, PrintWriter out) throws IOException {
      DataSets.Split d = files.given() ? files.load(mixee, seed) : DataSets.load(data, seed, out);
      if (normalize && d.image() == null)
        throw Shared.usage(
            mixee, "--normalize needs image data (--data fashion_mnist or --images DIR)");
      return normalize ? DataSets.normalized(d) : d;
    }
  }

  /**
   * The data a saved model is evaluated on: by default the named data set it was trained on; a CSV
   * file or an image folder (the archive does not record which) when given, split with the same
   * seed as in training.
   */
  static final class SavedData {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
        names = "--data",
        paramLabel = "NAME",
        description = "Data set: ${COMPLETION-CANDIDATES} (default: the one it was trained on).")
    DataSets.Name data;

    @Mixin FileSource files;

    @Mixin Seed seed;

    /**
     * The test part, prepared as the archive's model expects it (its saved standardisation
     * applied).
     */
    dev.dendrite.data.Labeled test(dev.dendrite.io.ModelArchive.Info info, PrintWriter out)
        throws IOException {
      if (files.given()) {
        if (data != null)
          throw Shared.usage(
              mixee,
              "--data and --" + (files.csv != null ? "csv" : "images") + " exclude each other");
        return DataSets.test(info, files.load(mixee, seed.seed));
      }
      return DataSets.test(info, DataSets.of(info, data), seed.seed, out);
    }

    /** What the test part is, as a report names it. */
    String describe(dev.dendrite.io.ModelArchive.Info info) {
      return files.given() ? files.describe() : DataSets.of(info, data).toString();
    }
  }

  /** Checkpoints and the metrics log of a training run: the same flags for every model family. */
  static final class Run {
    @Option(
        names = "--checkpoint",
        paramLabel = "FILE",
        description = "Checkpoint file, rewritten atomically after every epoch.")
    Path checkpoint;

    @Option(
        names = "--checkpoint-every",
        paramLabel = "N",
        description =
            "Also checkpoint every N steps inside an epoch (train, finetune; default:"
                + " ${DEFAULT-VALUE}, epoch ends only).",
        defaultValue = "0")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from --checkpoint if it exists.")
    boolean resume;

    @Option(
        names = "--metrics-log",
        paramLabel = "FILE",
        description = "Append one JSON object per epoch (and per --log-every steps) to this file.")
    Path metricsLog;

    @Option(
        names = "--log-every",
        paramLabel = "N",
        description = "Also log the loss every N steps (default: ${DEFAULT-VALUE}, epochs only).",
        defaultValue = "0")
    int logEvery;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    void check() {
      if (resume && checkpoint == null) throw Shared.usage(mixee, "--resume needs --checkpoint");
      if (logEvery < 0) throw Shared.usage(mixee, "--log-every must be >= 0, got " + logEvery);
      try {
        Shared.checkWritable(checkpoint, "--checkpoint");
        Shared.checkWritable(metricsLog, "--metrics-log");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e.getMessage(), e);
      }
      if (checkpointEvery < 0)
        throw Shared.usage(mixee, "--checkpoint-every must be >= 0, got " + checkpointEvery);
      if (checkpointEvery > 0 && checkpoint == null)
        throw Shared.usage(mixee, "--checkpoint-every needs --checkpoint");
    }

    /** Refuses --checkpoint-every in a command whose loop checkpoints at epoch ends only. */
    void epochCheckpointsOnly() {
      if (checkpointEvery > 0)
        throw Shared.usage(
            mixee, "--checkpoint-every is not supported here (train and finetune take it)");
    }

    /** The metrics log, or null without --metrics-log. */
    MetricsLog log() throws IOException {
      return metricsLog == null ? null : new MetricsLog(metricsLog, logEvery);
    }
  }
}
