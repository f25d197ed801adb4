package dev.dendrite.cli;

import dev.dendrite.data.TextCorpus;
import dev.dendrite.data.Vocabulary;
import dev.dendrite.sequence.CharBaselines;
import dev.dendrite.sequence.CharModel;
import dev.dendrite.sequence.CharTraining;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite train-text}: a character-level LSTM on a text corpus, its validation loss in bits
 * per character next to the unigram entropy and a bigram model of the same validation text.
 */
@Command(
    name = "train-text",
    mixinStandardHelpOptions = true,
    description = {
      "Train a character-level LSTM language model on a text corpus (one-hot → LSTM → Linear).",
      "The last --val-split of the text is held out; its loss is reported in bits per character"
          + " next to baselines."
    })
final class TrainTextCommand implements Callable<Integer> {
  @Option(
      names = "--corpus",
      required = true,
      description =
          "UTF-8 text file(s), concatenated; e.g. /usr/share/games/fortunes/literature (apt-get"
              + " install fortunes).")
  List<Path> corpus;

  @Option(
      names = "--hidden",
      defaultValue = "256",
      description = "LSTM hidden size (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--layers",
      defaultValue = "1",
      description = "LSTM layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(
      names = "--seq",
      defaultValue = "100",
      description = "Characters per training sequence (BPTT length; default: ${DEFAULT-VALUE}).")
  int seq;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "5",
      description = "Passes over the training text (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Sequences per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      defaultValue = "0.002",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--clip-norm",
      paramLabel = "NORM",
      defaultValue = "5",
      description = "Clip the gradient norm to this, 0 for none (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(
      names = "--val-split",
      paramLabel = "FRACTION",
      defaultValue = "0.1",
      description = "Fraction at the end of the text held out (default: ${DEFAULT-VALUE}).")
  double valSplit;

  @Option(
      names = "--max-bytes",
      defaultValue = "16777216",
      description = "Refuse corpora larger than this (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @Mixin Options.Seed seed;
  @Mixin Options.ThreadCount threads;
  @Mixin Options.Run run;
  @Spec CommandSpec spec;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Save the model and its vocabulary here (.dnd).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    run.check();
    Shared.checkWritable(output, "--output");
    run.epochCheckpointsOnly();
    if (hidden < 1 || layers < 1) throw Shared.usage(spec, "--hidden and --layers must be >= 1");
    if (!(valSplit > 0 && valSplit < 1))
      throw Shared.usage(spec, "--val-split must be in (0, 1), got " + valSplit);
    CharTraining cfg;
    try {
      cfg =
          new CharTraining(epochs, batch, seq, lr, clip, seed.seed)
              .withCheckpoint(run.checkpoint, run.resume);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, "--epochs, --batch-size, --seq, --lr: " + e.getMessage());
    }
    String text = TextCorpus.read(corpus, maxBytes);
    Vocabulary vocab = Vocabulary.of(text);
    int[] all = vocab.encode(text);
    int cut = (int) Math.round(all.length * (1 - valSplit));
    int[] train = Arrays.copyOfRange(all, 0, cut), val = Arrays.copyOfRange(all, cut, all.length);
    if (train.length <= seq)
      throw new IllegalArgumentException(
          "the training part (" + train.length + " characters) is not longer than --seq " + seq);
    if (val.length < 2)
      throw new IllegalArgumentException(
          "the validation part has " + val.length + " characters; raise --val-split");
    CharModel model = CharModel.create(vocab, hidden, layers, new Rng(seed.seed));
    out.printf(
        Locale.ROOT,
        "corpus %s: %d characters (%d training, %d validation), %d symbols with the unknown one%n",
        String.join(", ", corpus.stream().map(Path::toString).toList()),
        all.length,
        train.length,
        val.length,
        vocab.size());
    out.printf(
        Locale.ROOT,
        "LSTM(%d → %d%s) → Linear(%d → %d): %d parameters; seq %d, batch %d, Adam lr %.3g, %s%n",
        vocab.size(),
        hidden,
        layers > 1 ? " × " + layers + " layers" : "",
        hidden,
        vocab.size(),
        model.network().parameterCount(),
        seq,
        batch,
        lr,
        Shared.plural(Threads.get(), "thread"));
    double unigram = CharBaselines.unigramEntropy(val, vocab.size()),
        bigram = CharBaselines.bigramBits(train, val, vocab.size());
    CharTraining.Epoch best;
    try (MetricsLog log = run.log()) {
      ProgressBar bar = new ProgressBar(out, Shared.terminal());
      best = log == null ? cfg.fit(model, train, val, bar) : cfg.fit(model, train, val, bar, log);
    }
    out.printf(
        Locale.ROOT,
        "validation bits/char: LSTM %.3f (epoch %d, the best; its weights are kept), unigram"
            + " entropy %.3f, bigram (add-one, fitted on training) %.3f%n",
        best.valBits(),
        best.epoch(),
        unigram,
        bigram);
    String prime = new String(Character.toChars(text.codePointAt(0)));
    out.println("sample (temperature 0.8): " + model.generate(prime, 200, 0.8, new Rng(seed.seed)));
    if (output != null) {
      model.save(
          output,
          Map.of(
              "dendrite.corpus",
              String.join(",", corpus.stream().map(p -> p.getFileName().toString()).toList()),
              "dendrite.val_bits_per_char",
              String.format(Locale.ROOT, "%.4f", best.valBits())));
      out.println("saved the model to " + output);
    }
    return 0;
  }
}
