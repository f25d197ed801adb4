package dev.dendrite.benchdjl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The `bench mlp`, `cnn`, `lstm`, `gru` and `bilstm` workloads in libtorch 2.7.1 through DJL:
 * Fashion-MNIST; mlp is 784-256-128-10 ReLU with SGD lr 0.1 momentum 0.9, cnn the reference CNN with
 * Adam lr 1e-3; the recurrent ones read each image as 28 steps of 28 pixels (batch-first), hidden
 * 128 (per direction for bilstm), and classify the last step's output with fc(→10), Adam lr 1e-3;
 * softmax cross-entropy. Prints one JSON line with the runner's fields.
 * Arguments: batch threads epochs [mlp|cnn|lstm|gru|bilstm [limit [window]]]; a limit > 0 trains on the
 * first {@code limit} examples only. As the other runners, it reports the training rate of the whole run
 * and of the steady state (the median over windows of {@code window} batches after the first, default 50),
 * inference at the training batch and at batch 1,000 (the median of passes over the test images, at least
 * 3 passes and 1 s), the peak RSS and the CPU.
 */
public final class DjlWorkloads {
  private DjlWorkloads() {}

  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[0]), threads = Integer.parseInt(args[1]), epochs = Integer.parseInt(args[2]);
    String workload = args.length > 3 ? args[3] : "mlp";
    boolean cnn = workload.equals("cnn"), recurrent = List.of("lstm", "gru", "bilstm").contains(workload);
    if (!cnn && !recurrent && !workload.equals("mlp")) throw new IllegalArgumentException("unknown workload " + workload);
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    float[] xtr = images(dir.resolve("train-images-idx3-ubyte.gz")), xte = images(dir.resolve("t10k-images-idx3-ubyte.gz"));
    int[] ytr = labels(dir.resolve("train-labels-idx1-ubyte.gz")), yte = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    int window = args.length > 5 ? Integer.parseInt(args[5]) : 50;
    int n = limit > 0 ? Math.min(limit, ytr.length) : ytr.length;
    try (Model model = Model.newInstance(workload, "PyTorch")) {
      SequentialBlock net = new SequentialBlock();
      if (cnn) {
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build()).add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(64).build()).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(128).build()).add(Activation::relu).add(Linear.builder().setUnits(10).build());
      } else if (workload.equals("bilstm")) {
        // DJL 0.36 lists a bidirectional block's weights as (all weights, then all biases) per layer, while
        // libtorch reads (w_ih, w_hh, b_ih, b_hh) per direction, so optBidirectional(true) fails with a
        // shape mismatch. The same model from two LSTMs: the second reads the time-reversed images, and
        // its output at its first step is the reverse direction's output at the last time step. Each branch
        // starts with a list of its own: DJL's LSTM appends its zero states to the input list it is given.
        SequentialBlock forward = new SequentialBlock().add(x -> new NDList(x.head())).add(lstm())
            .add(x -> new NDList(x.singletonOrThrow().get(":, -1, :")));
        SequentialBlock reverse = new SequentialBlock().add(x -> new NDList(x.head().flip(1))).add(lstm())
            .add(x -> new NDList(x.singletonOrThrow().get(":, 0, :")));
        net.add(new ParallelBlock(l -> new NDList(NDArrays.concat(new NDList(l.get(0).head(), l.get(1).head()), 1)), List.of(forward, reverse)))
            .add(Linear.builder().setUnits(10).build());
      } else if (recurrent) {
        net.add(workload.equals("gru") ? GRU.builder().setStateSize(128).setNumLayers(1).optBatchFirst(true).build() : lstm())
            .add(x -> new NDList(x.singletonOrThrow().get(":, -1, :"))) // the last time step, (N, 128)
            .add(Linear.builder().setUnits(10).build());
      } else {
        net.add(Linear.builder().setUnits(256).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(128).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
      }
      model.setBlock(net);
      Optimizer opt = cnn || recurrent ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build()
          : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build();
      Shape one = cnn ? new Shape(1, 28, 28) : recurrent ? new Shape(28, 28) : new Shape(784);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(opt))) {
        trainer.initialize(new Shape(batch).addAll(one));
        NDManager mgr = trainer.getManager();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random rnd = new Random(1);
        float[] xb = new float[batch * 784];
        float[] yb = new float[batch];
        List<Long> ends = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
          for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            for (int i = 0; i < b; i++) {
              System.arraycopy(xtr, order[from + i] * 784, xb, i * 784, 784);
              yb[i] = ytr[order[from + i]];
            }
            try (NDManager step = mgr.newSubManager()) {
              NDArray x = step.create(java.nio.FloatBuffer.wrap(xb, 0, b * 784), new Shape(b).addAll(one));
              NDArray y = step.create(java.nio.FloatBuffer.wrap(yb, 0, b), new Shape(b));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), pred);
                gc.backward(loss);
              }
              trainer.step();
            }
            ends.add(System.nanoTime());
            sizes.add(b);
          }
        }
        double trainS = (System.nanoTime() - t0) / 1e9;
        long right = 0;
        for (int from = 0; from < yte.length; from += batch) {
          int b = Math.min(batch, yte.length - from);
          try (NDManager step = mgr.newSubManager()) {
            NDArray x = step.create(java.nio.FloatBuffer.wrap(xte, from * 784, b * 784).slice(), new Shape(b).addAll(one));
            long[] pred = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1).toLongArray();
            for (int i = 0; i < b; i++) if (pred[i] == yte[from + i]) right++;
          }
        }
        double infer = inferRate(trainer, mgr, xte, yte.length, batch, one);
        double infer1000 = inferRate(trainer, mgr, xte, yte.length, 1000, one);
        System.out.printf(Locale.ROOT, "{\"bench\": \"%s\", \"impl\": \"libtorch-2.7.1-djl\", \"batch\": %d, \"threads\": %d, \"epochs\": %d, "
            + "\"train_samples_per_s\": %.1f, \"train_steady_samples_per_s\": %s, \"window_batches\": %d, "
            + "\"infer_samples_per_s\": %.1f, \"infer_b1000_samples_per_s\": %.1f, \"test_accuracy\": %.4f, \"peak_rss_mb\": %.1f, "
            + "\"cpu\": \"%s\"%s}%n",
            workload, batch, threads, epochs, epochs * n / trainS, steadyRate(ends, sizes, window), window, infer, infer1000,
            (double) right / yte.length, peakRssMb(), cpu().replace("\"", "'"), limit > 0 ? ", \"train_examples\": " + n : "");
      }
    }
  }

  /** Samples per second of forward passes over the test images, the median of passes (at least 3 and 1 s). */
  static double inferRate(Trainer trainer, NDManager mgr, float[] xte, int rows, int batch, Shape one) {
    List<Double> rates = new ArrayList<>();
    long begin = System.nanoTime();
    while (rates.size() < 3 || System.nanoTime() - begin < 1_000_000_000L) {
      long t0 = System.nanoTime();
      for (int from = 0; from < rows; from += batch) {
        int b = Math.min(batch, rows - from);
        try (NDManager step = mgr.newSubManager()) {
          NDArray x = step.create(java.nio.FloatBuffer.wrap(xte, from * 784, b * 784).slice(), new Shape(b).addAll(one));
          trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray(); // waits for the result
        }
      }
      rates.add(rows * 1e9 / Math.max(1, System.nanoTime() - t0));
    }
    return median(rates);
  }

  /** The median rate over windows of {@code window} batches after the first, as "null" when there are fewer than two. */
  static String steadyRate(List<Long> ends, List<Integer> sizes, int window) {
    int windows = ends.size() / window;
    if (windows < 2) return "null";
    List<Double> rates = new ArrayList<>();
    for (int w = 1; w < windows; w++) {
      long samples = 0;
      for (int i = w * window; i < (w + 1) * window; i++) samples += sizes.get(i);
      rates.add(samples * 1e9 / Math.max(1, ends.get((w + 1) * window - 1) - ends.get(w * window - 1)));
    }
    return String.format(Locale.ROOT, "%.1f", median(rates));
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int h = v.size() / 2;
    return v.size() % 2 == 1 ? v.get(h) : (v.get(h - 1) + v.get(h)) / 2;
  }

  static String cpu() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
    }
    return "unknown";
  }

  private static LSTM lstm() {
    return LSTM.builder().setStateSize(128).setNumLayers(1).optBatchFirst(true).build();
  }

  static float[] images(Path p) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(p), 1 << 16))) {
      in.readInt();
      int count = in.readInt(), rows = in.readInt(), cols = in.readInt();
      byte[] raw = in.readNBytes(count * rows * cols);
      float[] f = new float[raw.length];
      for (int i = 0; i < f.length; i++) f[i] = (raw[i] & 0xFF) / 255f;
      return f;
    }
  }

  static int[] labels(Path p) throws IOException {
    try (InputStream raw = new GZIPInputStream(Files.newInputStream(p)); DataInputStream in = new DataInputStream(raw)) {
      in.readInt();
      int count = in.readInt();
      byte[] b = in.readNBytes(count);
      int[] l = new int[count];
      for (int i = 0; i < count; i++) l[i] = b[i] & 0xFF;
      return l;
    }
  }

  static double peakRssMb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
    }
    return Double.NaN;
  }
}
