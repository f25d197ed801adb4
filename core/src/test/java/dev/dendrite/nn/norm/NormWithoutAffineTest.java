package dev.dendrite.nn.norm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d with {@code affine=False} and LayerNorm with {@code elementwise_affine=False}: no
 * parameters, the plain normalisation, the running statistics still kept, and the option in the
 * spec.
 */
class NormWithoutAffineTest {
  @Test
  void batchNorm1dWithoutAffineHasNoParametersAndNormalises() {
    BatchNorm1d bn = new BatchNorm1d(2, 1e-5f, 0.1f, false);
    assertThat(bn.namedParameters()).isEmpty();
    assertThat(bn.stateDict())
        .containsOnlyKeys("running_mean", "running_var", "num_batches_tracked");
    Tensor x = Tensor.of(new float[] {1, 10, 3, 20, 5, 30}, 3, 2);
    float[] y = bn.forward(x).toArray();
    float s = (float) Math.sqrt(8 / 3.0 + 1e-5); // column 0: mean 3, biased variance 8/3
    assertThat(y[0]).isCloseTo(-2 / s, within(1e-5f));
    assertThat(y[4]).isCloseTo(2 / s, within(1e-5f));
    assertThat(bn.stateDict().get("running_mean").toArray())
        .containsExactly(new float[] {0.3f, 2f}, within(1e-6f));
    Module back = ModelSpec.build(Json.parse(Json.write(bn.spec())), new Rng(1));
    assertThat(back.namedParameters()).isEmpty();
    GradCheck.Result r = GradCheck.check(t -> bn.forward(t[0]), x.requiresGrad(true));
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void layerNormWithoutElementwiseAffineHasNoParameters() {
    LayerNorm ln = new LayerNorm(1e-5f, false, 3);
    assertThat(ln.namedParameters()).isEmpty();
    float[] y = ln.forward(Tensor.of(new float[] {1, 2, 3}, 1, 3)).toArray();
    float s = (float) Math.sqrt(2 / 3.0 + 1e-5);
    assertThat(y).containsExactly(new float[] {-1 / s, 0, 1 / s}, within(1e-5f));
    Module back = ModelSpec.build(Json.parse(Json.write(ln.spec())), new Rng(1));
    assertThat(back.namedParameters()).isEmpty();
    assertThat(new LayerNorm(3).namedParameters()).containsOnlyKeys("weight", "bias");
  }
}
