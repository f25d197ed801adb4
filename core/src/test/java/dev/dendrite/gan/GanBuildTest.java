package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Architectures, their specs and archives, and shapes that do not fit. */
class GanBuildTest {
  @Test
  void architecturesHaveThePublishedShapes() {
    Rng rng = new Rng(1);
    for (var a : Architectures.Arch.values()) {
      Gan g = a.build(100, rng);
      boolean conv =
          a == Architectures.Arch.DCGAN
              || a == Architectures.Arch.WGAN_GP
              || a == Architectures.Arch.CDCGAN
              || a == Architectures.Arch.CDCGAN_PROJECTION;
      assertThat(g.sampleShape())
          .as(a.label())
          .containsExactly(conv ? new int[] {1, 28, 28} : new int[] {784});
      boolean conditional =
          a == Architectures.Arch.CGAN
              || a == Architectures.Arch.CGAN_PROJECTION
              || a == Architectures.Arch.CDCGAN
              || a == Architectures.Arch.CDCGAN_PROJECTION;
      assertThat(g.classes()).isEqualTo(conditional ? 10 : 0);
      boolean bnInD =
          g.discriminator() instanceof Sequential s
              && s.layers().stream().anyMatch(l -> l instanceof BatchNorm2d);
      assertThat(bnInD)
          .as(a.label())
          .isEqualTo(a == Architectures.Arch.DCGAN || a == Architectures.Arch.CDCGAN);
    }
    Tensor z = Tensor.randn(rng, 4, 100);
    Gan dc = Architectures.dcgan(100, rng);
    assertThat(dc.generate(z, null).shape()).containsExactly(4, 1, 28, 28);
    assertThat(dc.discriminate(dc.generate(z, null), null).shape()).containsExactly(4, 1);
    Gan c = Architectures.conditional(100, 10, rng);
    Tensor x = c.generate(z, Tensor.of(0, 3, 7, 9));
    assertThat(x.shape()).containsExactly(4, 784);
    assertThat(c.discriminate(x, Tensor.of(0, 3, 7, 9)).shape()).containsExactly(4, 1);
    Gan cdc = Architectures.conditionalDcgan(100, 10, rng);
    Tensor y = cdc.generate(z, Tensor.of(0, 3, 7, 9));
    assertThat(y.shape()).containsExactly(4, 1, 28, 28);
    assertThat(cdc.discriminate(y, Tensor.of(0, 3, 7, 9)).shape()).containsExactly(4, 1);
    // The class reaches the generator: the same noise with another class gives another sample
    // (in eval mode, where batch norm does not mix the examples).
    cdc.eval();
    y = cdc.generate(z, Tensor.of(0, 3, 7, 9));
    Tensor y2 = cdc.generate(z, Tensor.of(1, 3, 7, 9));
    assertThat(y2.get(0, 0, 14, 14)).isNotEqualTo(y.get(0, 0, 14, 14));
    assertThat(y2.get(1, 0, 14, 14)).isEqualTo(y.get(1, 0, 14, 14));
    // With the projection, D's score moves with the class (its spec round-trips below).
    Gan cdp = Architectures.conditionalDcganProjection(100, 10, rng);
    cdp.eval();
    Tensor img = cdp.generate(z, Tensor.of(0, 3, 7, 9));
    Tensor s1 = cdp.discriminate(img, Tensor.of(0, 3, 7, 9));
    Tensor s2 = cdp.discriminate(img, Tensor.of(1, 3, 7, 9));
    assertThat(s1.shape()).containsExactly(4, 1);
    assertThat(s2.get(0, 0)).isNotEqualTo(s1.get(0, 0));
    assertThat(s2.get(1, 0)).isEqualTo(s1.get(1, 0));
    assertThat(((ProjectionDiscriminator) cdp.discriminator()).bodySeesClass()).isTrue();
  }

  @Test
  void dcganInitialisationIsNormal002() throws Exception {
    Gan built = Architectures.dcgan(100, new Rng(3));
    Gan fromSpec =
        Gan.parse(Files.readString(Path.of("../examples/specs/gan/gan-dcgan.json")), new Rng(4));
    for (Gan g : new Gan[] {built, fromSpec}) check002(g);
  }

  private static void check002(Gan g) {
    float[] w = ((ConvTranspose2d) ((Sequential) g.generator()).layers().get(4)).weight().toArray();
    double s = 0, s2 = 0;
    for (float v : w) {
      s += v;
      s2 += v * v;
    }
    double mean = s / w.length, std = Math.sqrt(s2 / w.length - mean * mean);
    assertThat(w.length).isEqualTo(128 * 64 * 16);
    assertThat(mean).isBetween(-0.001, 0.001);
    assertThat(std).isBetween(0.0195, 0.0205);
    float[] gamma = g.stateDict().get("generator.2.weight").toArray();
    double gm = 0;
    for (float v : gamma) gm += v / gamma.length;
    assertThat(gm).isBetween(0.99, 1.01);
    assertThat(g.stateDict().get("generator.2.bias").toArray()).containsOnly(0f);
  }

  @Test
  void shapesThatDoNotFitAreAnErrorNamingBoth() {
    Rng rng = new Rng(1);
    Gan mlp = Architectures.mlp(100, rng), dc = Architectures.dcgan(100, rng);
    assertThatThrownBy(() -> new Gan(mlp.generator(), dc.discriminator(), 100, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "GAN: the generator's output (2, 784) does not fit the discriminator's input: layer 0"
                + " (Conv2d(1, 64, kernel=4x4, stride=2, padding=1)), input (2, 784): Conv2d(1, 64,"
                + " kernel=4x4, stride=2, padding=1) needs (N, 1, H, W), got (2, 784)");
    assertThatThrownBy(
            () -> new Gan(dc.generator(), new Sequential(new Linear(784, 1, rng)), 100, 0))
        .hasMessage(
            "GAN: the generator's output (2, 1, 28, 28) does not fit the discriminator's input:"
                + " layer 0 (Linear(in=784, out=1)), input (2, 1, 28, 28): Linear(in=784, out=1)"
                + " needs an input ending in 784, got (2, 1, 28, 28)");
    assertThatThrownBy(() -> new Gan(mlp.generator(), new Linear(784, 2, rng), 100, 0))
        .hasMessageContaining(
            "one score per example, (N, 1), but maps the generator's output"
                + " (2, 784) to (2, 2)");
    assertThatThrownBy(() -> new Gan(mlp.generator(), mlp.discriminator(), 64, 0))
        .hasMessageContaining("does not take noise of shape (2, 64)");
  }

  @Test
  void specsAndArchivesRoundTrip(@TempDir Path dir) throws Exception {
    for (var a : Architectures.Arch.values()) {
      Gan g = a.build(100, new Rng(2));
      Path spec = Path.of("../examples/specs/gan/gan-" + a.label() + ".json");
      Gan fromFile = Gan.parse(Files.readString(spec), new Rng(2));
      assertThat(Json.write(fromFile.spec())).as(spec.toString()).isEqualTo(Json.write(g.spec()));
      for (var e : g.stateDict().entrySet())
        assertThat(fromFile.stateDict().get(e.getKey()).shape())
            .as(a.label() + " " + e.getKey())
            .containsExactly(e.getValue().shape());
      Path f = dir.resolve(a.label() + ".dnd");
      ModelArchive.save(f, g, java.util.Map.of());
      Gan back = Gan.load(f);
      assertThat(back.classes()).isEqualTo(g.classes());
      for (var e : g.stateDict().entrySet())
        assertThat(
                java.util.Arrays.equals(
                    back.stateDict().get(e.getKey()).toArray(), e.getValue().toArray()))
            .as(a.label() + " " + e.getKey())
            .isTrue();
    }
  }
}
