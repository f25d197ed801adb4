package dev.dendrite.sequence;

import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.Series;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.data.Vocabulary;
import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Schedules;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.*;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class SameBitsProbe {
  static String hash(Module m) {
    long h = 1125899906842597L;
    for (var e : m.stateDict().entrySet()) { for (float f : e.getValue().toArray()) h = 31 * h + Float.floatToRawIntBits(f); }
    return Long.toHexString(h);
  }
  @Test
  void probe() throws Exception {
    StringBuilder sb = new StringBuilder();
    Labeled all = Iris.load();
    Labeled[] p = all.split(0.8, 5);
    Rng rng = new Rng(4);
    Module m = new Sequential(new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng));
    Path ck = Path.of("/tmp/probe.ckpt"); Files.deleteIfExists(ck);
    List<String> ev = new ArrayList<>();
    var r = new Trainer(m, new CrossEntropyLoss(), new Adam(0.01).create(m.parameters()), new TrainConfig(12, 16, 3)
        .withSchedule(Schedules.cosine(0.01, 12, 0)).withClipNorm(1).withEarlyStopping(EarlyStopping.onValidationLoss(4)).withCheckpoint(ck, 2))
        .augment(Augmenter.parse("noise:0.1", 1, 1, 4)).listen(e -> ev.add(e.toString().replaceAll("elapsed=PT[0-9.]+S", "").replace(", firstStep=0", ""))).fit(p[0], p[1]);
    sb.append("trainer ").append(hash(m)).append(' ').append(r).append(' ').append(ev.hashCode()).append('\n');
    var c = Checkpoint.load(ck);
    sb.append("ckpt ").append(c.epoch()).append(' ').append(c.step()).append(' ').append(c.rngState()).append(' ').append(c.extra()).append('\n');

    String text = "the quick brown fox jumps over the lazy dog. ".repeat(40);
    Vocabulary v = Vocabulary.of(text);
    int[] enc = v.encode(text);
    int cut = (int) (enc.length * 0.9);
    CharModel cm = CharModel.create(v, 32, 1, new Rng(1));
    List<String> ce = new ArrayList<>();
    var ctr = CharTraining.of(4, 16, 2).withBatch(8).withLr(1e-2);
    var last = ctr.fit(cm, Arrays.copyOfRange(enc, 0, cut), Arrays.copyOfRange(enc, cut, enc.length), ctr.onEpoch(e -> ce.add(e.trainBits() + "/" + e.valBits())));
    sb.append("char ").append(hash(cm.network())).append(' ').append(last.epoch()).append(' ').append(ce).append('\n');

    Series s = Series.load("sunspots");
    TimeSplit sp = TimeSplit.of(s.values(), 24, 1, 1, 0.7, 0.1);
    Forecaster f = Forecaster.create(Forecaster.Cell.gru, 16, 1, new Rng(1));
    List<String> fe = new ArrayList<>();
    f.fit(sp, new Forecaster.Config(Forecaster.Cell.gru, 16, 4, 16, 5e-3, 1), Forecaster.onEpoch(sp, e -> fe.add(e.trainMse() + "/" + e.val())));
    sb.append("forecast ").append(hash(f.network())).append(' ').append(fe).append('\n');

    var nr = NextIsLarger.run(8, 10, 300, 100, 2, 1);
    sb.append("next ").append(nr).append('\n');
    Files.writeString(Path.of(System.getProperty("probe.out", "/work/probe/out.txt")), sb.toString());
  }
}
