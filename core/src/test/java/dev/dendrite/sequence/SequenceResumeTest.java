package dev.dendrite.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.data.Series;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.data.Vocabulary;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequence families resume through the trainer's checkpoints and end where an uninterrupted run
 * does.
 */
class SequenceResumeTest {
  static float[] flat(Module m) {
    List<Float> all = new ArrayList<>();
    for (var t : m.stateDict().values()) for (float v : t.toArray()) all.add(v);
    float[] f = new float[all.size()];
    for (int i = 0; i < f.length; i++) f[i] = all.get(i);
    return f;
  }

  @Test
  void aCharModelResumedFromItsCheckpointEndsBitForBitAsTheStraightRun(@TempDir Path dir) {
    String text = "a stitch in time saves nine; a rolling stone gathers no moss. ".repeat(20);
    Vocabulary v = Vocabulary.of(text);
    int[] all = v.encode(text);
    int cut = (int) (all.length * 0.9);
    int[] train = Arrays.copyOfRange(all, 0, cut), val = Arrays.copyOfRange(all, cut, all.length);
    CharTraining six = CharTraining.of(6, 16, 2).withBatch(8).withLr(2e-2);
    CharModel straight = CharModel.create(v, 24, 1, new Rng(1));
    CharTraining.Epoch best = six.fit(straight, train, val);

    Path ckpt = dir.resolve("char.ckpt");
    CharModel first = CharModel.create(v, 24, 1, new Rng(1));
    new CharTraining(3, 8, 16, 2e-2, 5, 2).withCheckpoint(ckpt, true).fit(first, train, val);
    CharModel resumed = CharModel.create(v, 24, 1, new Rng(42));
    CharTraining.Epoch again = six.withCheckpoint(ckpt, true).fit(resumed, train, val);
    assertThat(flat(resumed.network())).containsExactly(flat(straight.network()));
    assertThat(again.epoch()).isEqualTo(best.epoch());
    assertThat(again.valBits()).isEqualTo(best.valBits());
  }

  @Test
  void aForecasterResumedKeepsTheBestEpochItSawBeforeTheCrash(@TempDir Path dir) {
    TimeSplit sp = TimeSplit.of(Series.load("sunspots").values(), 24, 1, 1, 0.7, 0.1);
    // A high rate makes the validation error jump around, so the best epoch is often not the last.
    Forecaster.Config six = new Forecaster.Config(Forecaster.Cell.gru, 8, 6, 16, 3e-2, 1);
    Forecaster straight = Forecaster.create(Forecaster.Cell.gru, 8, 1, new Rng(1));
    straight.fit(sp, six);
    for (int stop = 1; stop <= 5; stop += 2) {
      Path ckpt = dir.resolve("f" + stop + ".ckpt");
      Forecaster first = Forecaster.create(Forecaster.Cell.gru, 8, 1, new Rng(1));
      first.fit(
          sp,
          new Forecaster.Config(Forecaster.Cell.gru, 8, stop, 16, 3e-2, 1)
              .withCheckpoint(ckpt, true));
      Forecaster resumed = Forecaster.create(Forecaster.Cell.gru, 8, 1, new Rng(9));
      resumed.fit(sp, six.withCheckpoint(ckpt, true));
      assertThat(flat(resumed.network()))
          .as("resumed after epoch %d", stop)
          .containsExactly(flat(straight.network()));
    }
  }
}
