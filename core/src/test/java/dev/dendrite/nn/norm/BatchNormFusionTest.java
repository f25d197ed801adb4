package dev.dendrite.nn.norm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Conv2d → BatchNorm2d → ReLU (→ MaxPool2d) fused in a Sequential against the same layers run one
 * by one: outputs, every gradient and the running statistics, bit for bit.
 */
class BatchNormFusionTest {
  private final int threads = Threads.get();

  @AfterEach
  void restoreThreads() {
    Threads.set(threads);
  }

  /** A conv and a batch norm with non-trivial affine parameters, the same for the same seed. */
  private record Block(Conv2d conv, BatchNorm2d bn) {
    static Block of(long seed, int in, int out) {
      Rng rng = new Rng(seed);
      Conv2d conv = new Conv2d(in, out, 3, 3, 1, 1, 1, 1, false, rng);
      BatchNorm2d bn = new BatchNorm2d(out);
      try (var off = Grad.disabled()) {
        bn.parameters().get(0).copyFrom(Tensor.uniform(rng, 0.5f, 1.5f, out));
        bn.parameters().get(1).copyFrom(Tensor.randn(rng, out).mul(Tensor.scalar(0.3f)));
      }
      return new Block(conv, bn);
    }

    List<Module> layers(MaxPool2d pool) {
      List<Module> l = new ArrayList<>(List.of(conv, bn, new ReLU()));
      if (pool != null) l.add(pool);
      return l;
    }

    List<Tensor> gradients() {
      List<Tensor> g = new ArrayList<>();
      for (var p : conv.parameters()) g.add(p.grad());
      for (var p : bn.parameters()) g.add(p.grad());
      return g;
    }
  }

  /** The output, the input's gradient and every parameter's gradient of one step. */
  private static List<Tensor> step(Module model, Block b, Tensor x, Rng upRng) {
    model.zeroGrad();
    Tensor xg = x.detach().requiresGrad(true);
    Tensor y = model.forward(xg);
    y.backward(Tensor.randn(upRng, y.shape()));
    List<Tensor> r = new ArrayList<>(List.of(y.detach(), xg.grad()));
    r.addAll(b.gradients());
    return r;
  }

  /** The layers of a list run one by one, as no Sequential fuses them. */
  private static Module apart(List<Module> layers) {
    return new Module() {
      @Override
      public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
      }

      @Override
      public Map<String, Module> children() {
        Map<String, Module> c = new java.util.LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) c.put(Integer.toString(i), layers.get(i));
        return c;
      }

      @Override
      public int[] outputShape(int[] in) {
        for (Module m : layers) in = m.outputShape(in);
        return in;
      }
    };
  }

  @Test
  void fusedBatchNormReLUAndMaxPoolGiveTheSameBitsAsTheLayersApart() {
    // odd maps (the 2×2 pool's scalar tail, a short last vector), overlapping padded windows, a
    // map too small for a vector, and enough images and channels to split across threads
    int[][] shapes = {{5, 3, 7, 5}, {9, 2, 12, 11}, {3, 2, 3, 3}};
    MaxPool2d[] pools = {null, new MaxPool2d(2), new MaxPool2d(3, 2, 1)};
    for (int th : new int[] {1, 2}) {
      Threads.set(th);
      for (int[] s : shapes) {
        for (MaxPool2d pool : pools) {
          String where = th + " threads, input " + List.of(s[0], s[1], s[2], s[3]) + ", " + pool;
          Block f = Block.of(7, s[1], 6), a = Block.of(7, s[1], 6);
          Sequential fused = new Sequential(f.layers(pool));
          Module unfused = apart(a.layers(pool));
          Rng data = new Rng(31);
          // two training steps (the second from moved running statistics), then evaluation,
          // then training again: the fused module follows the layers' mode
          boolean[] training = {true, true, false, true};
          for (int k = 0; k < training.length; k++) {
            if (training[k]) {
              fused.train();
              unfused.train();
            } else {
              fused.eval();
              unfused.eval();
            }
            Tensor x = Tensor.randn(data, s);
            long seed = 100 + k;
            List<Tensor> got = step(fused, f, x, new Rng(seed));
            List<Tensor> want = step(unfused, a, x, new Rng(seed));
            for (int i = 0; i < want.size(); i++)
              assertThat(got.get(i).toArray())
                  .as(where + ", step " + k + ", tensor " + i)
                  .containsExactly(want.get(i).toArray());
            assertThat(got.get(0).toArray()).as("some outputs are zero").contains(0f);
            Map<String, Tensor> fs = f.bn.stateDict(), as = a.bn.stateDict();
            for (String name : as.keySet())
              assertThat(fs.get(name).toArray())
                  .as(where + ", step " + k + ", " + name)
                  .containsExactly(as.get(name).toArray());
          }
          assertThat(f.bn.stateDict().get("num_batches_tracked").item()).isEqualTo(3f);
        }
      }
    }
  }

  @Test
  void aBatchNormWithoutAffineParametersOrRunningStatisticsFusesWithTheSameBits() {
    Threads.set(2);
    for (boolean affine : new boolean[] {true, false}) {
      for (MaxPool2d pool : new MaxPool2d[] {null, new MaxPool2d(2)}) {
        BatchNorm2d f = new BatchNorm2d(3, 1e-5f, 0.1f, affine, false),
            a = new BatchNorm2d(3, 1e-5f, 0.1f, affine, false);
        List<Module> fl = new ArrayList<>(List.of(f, new ReLU())),
            al = new ArrayList<>(List.of(a, new ReLU()));
        if (pool != null) {
          fl.add(pool);
          al.add(pool);
        }
        Sequential fused = new Sequential(fl);
        Module unfused = apart(al);
        Rng data = new Rng(41);
        for (boolean training : new boolean[] {true, false}) {
          Module[] both = {fused, unfused};
          for (Module m : both) {
            if (training) m.train();
            else m.eval();
          }
          Tensor x = Tensor.randn(data, 4, 3, 9, 7);
          Tensor up = Tensor.randn(data, fused.outputShape(x.shape()));
          Tensor[] got = new Tensor[2], want = new Tensor[2];
          for (int k = 0; k < 2; k++) {
            Module m = both[k];
            Tensor xg = x.detach().requiresGrad(true);
            Tensor y = m.forward(xg);
            y.backward(up);
            Tensor[] r = k == 0 ? got : want;
            r[0] = y.detach();
            r[1] = xg.grad();
          }
          String where = "affine " + affine + ", " + pool + ", training " + training;
          for (int i = 0; i < 2; i++)
            assertThat(got[i].toArray())
                .as(where + ", tensor " + i)
                .containsExactly(want[i].toArray());
          if (affine) {
            for (int i = 0; i < 2; i++)
              assertThat(f.parameters().get(i).grad().toArray())
                  .as(where + ", parameter " + i)
                  .containsExactly(a.parameters().get(i).grad().toArray());
            f.zeroGrad();
            a.zeroGrad();
          }
        }
      }
    }
  }

  @Test
  void theFusionKeepsTheLayersAndTheirStateDictNames() {
    Block b = Block.of(3, 2, 4);
    Sequential s = new Sequential(b.layers(new MaxPool2d(2)));
    assertThat(s.children()).hasSize(4);
    assertThat(s.stateDict().keySet())
        .containsExactly(
            "0.weight",
            "1.weight",
            "1.bias",
            "1.running_mean",
            "1.running_var",
            "1.num_batches_tracked");
    assertThat(s.outputShape(new int[] {2, 2, 6, 6})).containsExactly(2, 4, 3, 3);
    Tensor x = Tensor.randn(new Rng(4), 2, 4, 6, 6).requiresGrad(true);
    assertThat(new Sequential(b.bn, new ReLU(), new MaxPool2d(2)).forward(x).gradFnName())
        .isEqualTo("batchnorm2d+relu+maxpool2d");
    assertThat(new Sequential(b.bn, new ReLU()).forward(x).gradFnName())
        .isEqualTo("batchnorm2d+relu");
    assertThat(new Sequential(b.bn, new MaxPool2d(2)).forward(x).gradFnName())
        .isEqualTo("maxpool2d");
    assertThat(b.bn.forward(x).gradFnName()).as("a layer on its own").isEqualTo("batchnorm2d");
  }

  @Test
  void theFusedOpsPassGradCheck() {
    GradCheck.Options loose = GradCheck.Options.defaults().withTolerance(2e-2, 2e-2);
    for (boolean training : new boolean[] {true, false}) {
      for (MaxPool2d pool : new MaxPool2d[] {null, new MaxPool2d(2), new MaxPool2d(3, 2, 1)}) {
        Block b = Block.of(5, 1, 2);
        List<Module> layers = new ArrayList<>(b.layers(pool));
        layers.remove(0);
        Sequential s = new Sequential(layers);
        if (!training) {
          try (var off = Grad.disabled()) {
            s.forward(Tensor.randn(new Rng(6), 4, 2, 4, 4)); // running statistics away from 0, 1
          }
          s.eval();
        }
        Tensor x = awayFromTheKink(b.bn, training, new Rng(8), 3, 2, 4, 4);
        List<Tensor> inputs = new ArrayList<>(List.of(x.requiresGrad(true)));
        inputs.addAll(b.bn.parameters());
        GradCheck.Result r =
            GradCheck.check(loose, in -> s.forward(in[0]), inputs.toArray(new Tensor[0]));
        assertThat(r.passed()).as(training + ", " + pool + ": " + r.failure()).isTrue();
      }
    }
  }

  /**
   * An input whose normalised values are all at least 0.02 from 0, so that differences of step 1e-3
   * do not cross ReLU's kink.
   */
  private static Tensor awayFromTheKink(BatchNorm2d bn, boolean training, Rng rng, int... shape) {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      Tensor x = Tensor.randn(rng, shape);
      float nearest = Float.MAX_VALUE;
      try (var off = Grad.disabled()) {
        float[] y = bn.forward(x).toArray();
        for (float v : y) nearest = Math.min(nearest, Math.abs(v));
      }
      if (nearest > 0.02f) return x;
    }
    throw new AssertionError("no input away from the kink (training " + training + ")");
  }
}
