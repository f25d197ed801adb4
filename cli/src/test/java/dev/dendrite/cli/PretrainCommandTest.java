package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.DeepBeliefNet;
import dev.dendrite.unsupervised.VariationalAutoencoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pretrain}, {@code finetune}, {@code sample} and the pre-training pictures on 60 noisy 8×8
 * pictures of two classes (bright left half or bright right half).
 */
class PretrainCommandTest {
  @TempDir static Path dir;
  static String images;

  @BeforeAll
  static void pictures() throws IOException {
    images = TrainImagesTest.pictures(dir.resolve("pictures")).toString();
  }

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    return r;
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static BufferedImage png(String name) throws IOException {
    return ImageIO.read(dir.resolve(name).toFile());
  }

  private static String dbn() {
    Path f = dir.resolve("dbn.dnd");
    if (!Files.exists(f))
      ok(
          "pretrain",
          "--images",
          images,
          "--layers",
          "64-16-8",
          "--epochs",
          "10",
          "--batch",
          "8",
          "--lr",
          "0.1",
          "--metrics-log",
          path("dbn.jsonl"),
          "--output",
          f.toString());
    return f.toString();
  }

  private static String vae() {
    Path f = dir.resolve("vae.dnd");
    if (!Files.exists(f))
      ok(
          "pretrain",
          "--images",
          images,
          "--method",
          "vae",
          "--layers",
          "64-16-2",
          "--epochs",
          "5",
          "--batch",
          "8",
          "--lr",
          "0.01",
          "--output",
          f.toString());
    return f.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> line(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @Test
  void aDbnPretrainsLayerByLayerAndLogsEachEpoch() throws IOException {
    Module m = ModelArchive.load(Path.of(dbn()));
    DeepBeliefNet net = DeepBeliefNet.from(m);
    assertThat(net.sizes()).containsExactly(64, 16, 8);
    assertThat(m.stateDict()).containsKeys("0.components_", "1.intercept_visible_");
    List<String> lines = Files.readAllLines(dir.resolve("dbn.jsonl"));
    List<Map<String, Object>> epochs =
        lines.stream()
            .map(PretrainCommandTest::line)
            .filter(l -> l.get("event").equals("epoch"))
            .toList();
    assertThat(epochs).hasSize(20);
    assertThat(epochs.get(0).get("layer")).isEqualTo(1L);
    assertThat(epochs.get(19).get("layer")).isEqualTo(2L);
    for (Map<String, Object> e : epochs)
      assertThat(e.keySet())
          .contains("loss", "val_pseudo_likelihood", "val_free_energy", "val_reconstruction_error");
    // Learning shows in the first layer: its reconstruction error falls over the epochs.
    double first = (Double) epochs.get(0).get("val_reconstruction_error");
    double last = (Double) epochs.get(9).get("val_reconstruction_error");
    assertThat(last).isLessThan(first);
  }

  @Test
  void aFineTunedDbnIsAClassifierThatEvalAndPredictTake() {
    CliRun r =
        ok(
            "finetune",
            "--model",
            dbn(),
            "--images",
            images,
            "--labels",
            "24",
            "--epochs",
            "15",
            "--batch",
            "8",
            "--output",
            path("clf.dnd"));
    assertThat(r.out()).contains("24 labelled training examples of 48");
    Matcher m = Pattern.compile("test accuracy ([0-9.]+)%").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(90);
    CliRun ev = ok("eval", "--model", path("clf.dnd"), "--images", images);
    assertThat(ev.out()).contains("accuracy " + m.group(1));
    String[] input = new String[64];
    for (int i = 0; i < 64; i++) input[i] = (i % 8) < 4 ? "0.9" : "0.1";
    CliRun p = ok("predict", "--model", path("clf.dnd"), "--input", String.join(",", input));
    assertThat(p.out()).contains("left");
  }

  private static double testLoss(CliRun r) {
    Matcher m =
        Pattern.compile("test accuracy [0-9.]+% on \\d+ examples \\(loss ([0-9.]+)\\)")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void pretrainingBeatsTheSameNetworkFromScratch() throws IOException {
    String[] args = {
      "finetune",
      "--model",
      dbn(),
      "--images",
      images,
      "--labels",
      "24",
      "--epochs",
      "15",
      "--batch",
      "8"
    };
    double pretrained = testLoss(ok(args));
    String[] scratch = Arrays.copyOf(args, args.length + 3);
    scratch[args.length] = "--scratch";
    scratch[args.length + 1] = "--output";
    scratch[args.length + 2] = path("scratch.dnd");
    double fromScratch = testLoss(ok(scratch));
    // 45 steps: the sigmoid net from a random start is still near chance (loss 0.45 seen), the
    // pre-trained one separates the classes (0.006 seen).
    assertThat(pretrained).isLessThan(fromScratch / 4);
    Sequential s = (Sequential) ModelArchive.load(dir.resolve("scratch.dnd"));
    assertThat(s.layers().get(0)).isInstanceOf(Linear.class);
    assertThat(((Linear) s.layers().get(4)).outFeatures()).isEqualTo(2);
  }

  @Test
  void stackedAndDenoisingAutoencodersSaveAsOneDeepAutoencoder() throws IOException {
    for (String method : new String[] {"ae", "dae"}) {
      ok(
          "pretrain",
          "--images",
          images,
          "--method",
          method,
          "--layers",
          "64-16-2",
          "--epochs",
          "3",
          "--batch",
          "8",
          "--tied",
          "--output",
          path(method + ".dnd"));
      Autoencoder ae = (Autoencoder) ModelArchive.load(dir.resolve(method + ".dnd"));
      assertThat(ae.sizes()).containsExactly(64, 16, 2, 16, 64);
      assertThat(ae.tied()).isTrue();
    }
    ok("plot", "latent", "--model", path("ae.dnd"), "--images", images, "--output", path("z.png"));
    // LEFT + SIDE + 16 + LEGEND wide, TOP + SIDE + BOTTOM high.
    assertThat(png("z.png").getWidth()).isEqualTo(48 + 400 + 16 + 130);
    assertThat(png("z.png").getHeight()).isEqualTo(32 + 400 + 36);
    ok(
        "plot",
        "reconstructions",
        "--model",
        path("dae.dnd"),
        "--images",
        images,
        "--count",
        "5",
        "--output",
        path("rec.png"));
    // 8×8 images at 7 pixels a value: two rows of 56, a title band and margins.
    assertThat(png("rec.png").getHeight()).isEqualTo(24 + 2 * 56 + 4 + 8);
  }

  @Test
  void filtersAreOneTilePerHiddenUnit() throws IOException {
    CliRun r =
        ok("plot", "rbm-filters", "--model", dbn(), "--count", "9", "--output", path("f.png"));
    assertThat(r.out()).contains("9 filters of RBM 1");
    // 3 × 3 tiles of 56 pixels: 2·8 + 3·56 + 2·4 = 192 wide, 24 + 8 + 3·56 + 2·4 = 208 high.
    assertThat(png("f.png").getWidth()).isEqualTo(192);
    assertThat(png("f.png").getHeight()).isEqualTo(208);
  }

  @Test
  void vaeSamplesInterpolationsAndTheirSizes() throws IOException {
    VariationalAutoencoder v = (VariationalAutoencoder) ModelArchive.load(Path.of(vae()));
    assertThat(v.latent()).isEqualTo(2);
    ok("sample", "--model", vae(), "--chains", "2", "--columns", "3", "--out", path("s.png"));
    // No labels: 2·8 + 3·56 + 2·4 wide, 24 + 2·56 + 4 + 8 high.
    assertThat(png("s.png").getWidth()).isEqualTo(192);
    assertThat(png("s.png").getHeight()).isEqualTo(148);
    CliRun r =
        ok(
            "plot",
            "interpolation",
            "--model",
            vae(),
            "--images",
            images,
            "--steps",
            "5",
            "--output",
            path("i.png"));
    assertThat(r.out()).contains("1 strips of 5"); // two classes make one pair
    assertThat(png("i.png").getHeight()).isEqualTo(24 + 56 + 8);
  }

  @Test
  void dbnChainsAreTheNetsOwnSamplesSnapshotted() throws IOException {
    Pretrained p = Pretrained.load(Path.of(dbn()));
    Tensor[] snaps = SampleCommand.gibbs(p, 3, new int[] {1, 7}, new Rng(4));
    assertThat(snaps[1].toArray()).isEqualTo(p.dbn().sample(3, 7, new Rng(4)).toArray());
    ok(
        "sample",
        "--model",
        dbn(),
        "--chains",
        "3",
        "--steps",
        "20",
        "--columns",
        "4",
        "--out",
        path("chains.png"));
    // Column captions add 14 pixels to the title band.
    assertThat(png("chains.png").getHeight()).isEqualTo(24 + 14 + 3 * 56 + 2 * 4 + 8);
  }

  @Test
  void aFirstWidthThatIsNotTheDataWidthNamesBoth() {
    CliRun r = CliRun.of("pretrain", "--images", images, "--layers", "100-8", "--output", "x.dnd");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--layers 100-8 starts with 100").contains("has 64 features");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void dataOutsideTheUnitIntervalSuggestsScalingOrGaussianUnits() throws IOException {
    Path csv = dir.resolve("raw.csv");
    Files.writeString(csv, "a,b,label\n" + "3.5,-1,x\n2,0.5,y\n".repeat(10));
    CliRun r =
        CliRun.of(
            "pretrain", "--csv", csv.toString(), "--layers", "2-3", "--output", path("g.dnd"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("range from -1.000 to 3.500")
        .contains("[0, 1]")
        .contains("--visible gaussian");
    ok(
        "pretrain",
        "--csv",
        csv.toString(),
        "--layers",
        "2-3",
        "--visible",
        "gaussian",
        "--epochs",
        "2",
        "--batch",
        "4",
        "--output",
        path("g.dnd"));
    DeepBeliefNet g = DeepBeliefNet.from(ModelArchive.load(dir.resolve("g.dnd")));
    assertThat(g.layers().get(0).visibleUnits().name()).isEqualTo("GAUSSIAN");
    var info = ModelArchive.loadWithMetadata(dir.resolve("g.dnd")).info();
    assertThat(info.standardization().mean()[0]).isBetween(2f, 3.5f);
    assertThat(info.standardization().std()[1]).isGreaterThan(0.5f);
  }

  @Test
  void aTruncatedArchiveIsNamedWithoutAStackTrace() throws IOException {
    byte[] all = Files.readAllBytes(Path.of(dbn()));
    Path bad = dir.resolve("bad.dnd");
    Files.write(bad, Arrays.copyOf(all, all.length / 2));
    CliRun r = CliRun.of("sample", "--model", bad.toString(), "--out", path("never.png"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(bad.toString()).doesNotContain("Exception");
    assertThat(dir.resolve("never.png")).doesNotExist();
  }

  @Test
  void anAutoencoderHasNothingToSample() {
    ok(
        "pretrain",
        "--images",
        images,
        "--method",
        "ae",
        "--layers",
        "64-4",
        "--epochs",
        "1",
        "--output",
        path("small-ae.dnd"));
    CliRun r = CliRun.of("sample", "--model", path("small-ae.dnd"), "--out", path("no.png"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("autoencoder").contains("--method rbm");
  }
}
