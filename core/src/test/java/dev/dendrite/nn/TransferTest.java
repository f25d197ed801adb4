package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.autograd.Grad;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.io.Safetensors;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading state dicts by name, freezing, head replacement, and a CNN trained in PyTorch. */
class TransferTest {
  static Sequential mlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(4, 3, rng), new ReLU(), new Linear(3, 2, rng));
  }

  static Map<String, Tensor> copy(Map<String, Tensor> sd) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    sd.forEach((k, v) -> out.put(k, Tensor.of(v.toArray(), v.shape())));
    return out;
  }

  @Test
  void strictLoadCopiesEveryTensor() {
    Sequential a = mlp(1), b = mlp(2);
    LoadResult r = StateDictLoader.load(b, a.stateDict(), true);
    assertThat(r.isExact()).isTrue();
    assertThat(r.loaded()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    Tensor x = Tensor.randn(new Rng(3), 5, 4);
    assertThat(b.forward(x).toArray()).containsExactly(a.forward(x).toArray());
  }

  @Test
  void nonStrictReportsMissingAndUnexpectedAndLoadsTheRest() {
    Sequential a = mlp(1), b = mlp(2);
    Map<String, Tensor> sd = copy(a.stateDict());
    sd.remove("2.bias");
    sd.put("3.weight", Tensor.zeros(1));
    LoadResult r = StateDictLoader.load(b, sd, false);
    assertThat(r.missingKeys()).containsExactly("2.bias");
    assertThat(r.unexpectedKeys()).containsExactly("3.weight");
    assertThat(b.stateDict().get("2.weight").toArray())
        .containsExactly(a.stateDict().get("2.weight").toArray());
    assertThat(b.stateDict().get("2.bias").toArray())
        .doesNotContain(a.stateDict().get("2.bias").toArray()[0]);
  }

  @Test
  void strictListsEveryProblemAndLoadsNothing() {
    Sequential a = mlp(1), b = mlp(2);
    Map<String, Tensor> sd = copy(a.stateDict());
    sd.remove("2.bias");
    sd.put("extra", Tensor.zeros(1));
    float[] before = b.stateDict().get("0.weight").toArray();
    assertThatThrownBy(() -> StateDictLoader.load(b, sd, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing loaded")
        .hasMessageContaining("missing keys: 2.bias")
        .hasMessageContaining("unexpected keys: extra");
    assertThat(b.stateDict().get("0.weight").toArray()).containsExactly(before);
  }

  @Test
  void shapeMismatchesAreReportedKeyByKeyEvenWhenNotStrict() {
    Sequential b = mlp(2);
    Map<String, Tensor> sd = copy(mlp(1).stateDict());
    sd.put("0.weight", Tensor.zeros(3, 5));
    sd.put("2.bias", Tensor.zeros(7));
    float[] before = b.stateDict().get("0.bias").toArray();
    assertThatThrownBy(() -> StateDictLoader.load(b, sd, false))
        .hasMessageContaining("size mismatch for 0.weight: checkpoint has (3, 5), model has (3, 4)")
        .hasMessageContaining("size mismatch for 2.bias: checkpoint has (7), model has (2)");
    // 0.bias fitted, but a failed load copies nothing.
    assertThat(b.stateDict().get("0.bias").toArray()).containsExactly(before);
  }

  @Test
  void nameMapRenamesDropsAndCatchesCollisions() {
    Sequential a = mlp(1), b = mlp(2);
    Map<String, Tensor> sd = new LinkedHashMap<>();
    a.stateDict().forEach((k, v) -> sd.put("backbone.layers." + k, v));
    sd.put("num_batches_tracked", Tensor.scalar(3));
    var map = NameMap.rules(List.of("^backbone\\.layers\\.=", "^num_batches_tracked$="));
    LoadResult r = StateDictLoader.load(b, sd, true, map);
    assertThat(r.isExact()).isTrue();
    assertThat(b.stateDict().get("2.weight").toArray())
        .containsExactly(a.stateDict().get("2.weight").toArray());
    assertThatThrownBy(
            () -> StateDictLoader.load(b, sd, false, NameMap.rules(List.of("^.*weight$=0.weight"))))
        .hasMessageContaining("both map to 0.weight");
    assertThatThrownBy(() -> NameMap.rules(List.of("(=x"))).hasMessageContaining("bad regex");
    assertThatThrownBy(() -> StateDictLoader.load(b, sd, true, k -> k))
        .hasMessageContaining("unexpected keys: backbone.layers.0.weight");
  }

  @Test
  void frozenParametersGetNoGradientAndStayPut() {
    Sequential m = mlp(4);
    assertThat(m.freeze("0.*")).containsExactly("0.weight", "0.bias");
    assertThat(m.trainableParameters().keySet()).containsExactly("2.weight", "2.bias");
    float[] w0 = m.stateDict().get("0.weight").toArray();
    float[] w2 = m.stateDict().get("2.weight").toArray();
    // Given every parameter, the optimizer skips the frozen ones.
    Optimizer opt = new SGD(0.5).withMomentum(0.9).withWeightDecay(0.1).create(m.parameters());
    Tensor x = Tensor.randn(new Rng(5), 8, 4);
    Tensor y = Tensor.of(new float[] {0, 1, 0, 1, 1, 0, 0, 1}, 8);
    for (int s = 0; s < 3; s++) {
      opt.zeroGrad();
      Tensor loss = new CrossEntropyLoss().apply(m.forward(x), y);
      loss.backward();
      assertThat(m.namedParameters().get("0.weight").grad()).isNull();
      assertThat(m.namedParameters().get("2.weight").grad()).isNotNull();
      opt.step();
    }
    assertThat(m.stateDict().get("0.weight").toArray()).containsExactly(w0);
    assertThat(m.stateDict().get("2.weight").toArray()).isNotEqualTo(w2);
    assertThat(opt.stateDict())
        .doesNotContainKey("0.momentum_buffer")
        .containsKey("2.momentum_buffer");
    assertThat(m.unfreeze("re:0\\.(weight|bias)")).hasSize(2);
    assertThat(m.trainableParameters()).hasSize(4);
    assertThatThrownBy(() -> m.freeze("features.*"))
        .hasMessageContaining("matches no parameter")
        .hasMessageContaining("0.weight");
  }

  @Test
  void replacingTheHeadKeepsTheBackbone() {
    Sequential m = mlp(6);
    Sequential n = m.replace(2, new Linear(3, 5, new Rng(9)));
    assertThat(n.layers().get(0)).isSameAs(m.layers().get(0));
    assertThat(n.forward(Tensor.zeros(2, 4)).shape()).containsExactly(2, 5);
    assertThat(m.replace("2", new Linear(3, 7, new Rng(9))).outputShape(new int[] {1, 4}))
        .containsExactly(1, 7);
    assertThatThrownBy(() -> m.replace(3, new ReLU())).hasMessageContaining("no layer 3");
    assertThatThrownBy(() -> m.replace("head", new ReLU())).hasMessageContaining("'head'");
  }

  @Test
  void aCnnTrainedInPyTorchGivesItsLogitsAndAccuracy() throws IOException {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/golden/fashion_cnn_torch.json")) {
      g = new ObjectMapper().readTree(in);
    }
    Module m =
        ModelSpec.parse(
            Files.readString(Path.of("../examples/specs/cnn-tiny-fashion.json")), new Rng(0));
    Path weights =
        Path.of(getClass().getResource("/golden/fashion_cnn_torch.safetensors").getPath());
    LoadResult r =
        StateDictLoader.load(
            m, Safetensors.read(weights).tensors(), true, NameMap.rules(List.of("^net\\.=")));
    assertThat(r.loaded()).hasSize(8);
    int n = g.get("n_ci").asInt();
    Labeled test = FashionMnist.load(false);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    Labeled part = test.subset(rows);
    m.eval();
    float[] logits;
    try (var off = Grad.disabled()) {
      logits = m.forward(part.features()).toArray();
    }
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 0; c < 10; c++) {
        assertThat(logits[i * 10 + c])
            .as("image %d class %d", i, c)
            .isCloseTo((float) g.get("logits").get(i * 10 + c).asDouble(), within(2e-4f));
        if (logits[i * 10 + c] > logits[i * 10 + best]) best = c;
      }
      if (best == part.labels()[i]) correct++;
    }
    assertThat((double) correct / n).isCloseTo(g.get("accuracy_ci").asDouble(), within(1e-3));
    assertThat(g.get("accuracy_ci").asDouble()).isGreaterThan(0.75);
  }

  @Test
  void fineTuningTheNewHeadLearns() {
    // A frozen backbone plus a fresh head trained with Adam fits a small separable problem.
    Rng rng = new Rng(11);
    Sequential m = mlp(7).replace(2, new Linear(3, 2, rng));
    m.freeze("0.*");
    Optimizer opt = new Adam(0.05).create(m.parameters());
    Tensor x = Tensor.randn(rng, 64, 4);
    float[] lab = new float[64];
    float[] xa = x.toArray();
    for (int i = 0; i < 64; i++) lab[i] = xa[i * 4] + xa[i * 4 + 1] > 0 ? 1 : 0;
    Tensor y = Tensor.of(lab, 64);
    double first = 0, last = 0;
    for (int s = 0; s < 100; s++) {
      opt.zeroGrad();
      Tensor loss = new CrossEntropyLoss().apply(m.forward(x), y);
      if (s == 0) first = loss.item();
      last = loss.item();
      loss.backward();
      opt.step();
    }
    assertThat(last).isLessThan(first * 0.8);
  }
}
