package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceDataTest {
  private static final float[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void windowsHoldTheExactValues() {
    Windows w = Windows.of(TEN, 3, 2, 2, 0, 10);
    // Targets start at 3, 5, 7 (7 + 2 = 9 <= 10; 9 + 2 > 10).
    assertThat(w.start()).containsExactly(3, 5, 7);
    assertThat(w.inputs().shape()).containsExactly(3, 3, 1);
    assertThat(w.inputs().toArray()).containsExactly(0, 1, 2, 2, 3, 4, 4, 5, 6);
    assertThat(w.targets().shape()).containsExactly(3, 2);
    assertThat(w.targets().toArray()).containsExactly(3, 4, 5, 6, 7, 8);
    Windows tail = Windows.of(TEN, 3, 1, 1, 8, 10); // inputs reach back before 8
    assertThat(tail.start()).containsExactly(8, 9);
    assertThat(tail.inputs().toArray()).containsExactly(5, 6, 7, 6, 7, 8);
    assertThat(Windows.of(TEN, 3, 4, 1, 8, 10).size()).isZero();
    assertThatThrownBy(() -> Windows.of(TEN, 0, 1, 1, 0, 10)).hasMessageContaining("window");
    assertThatThrownBy(() -> Windows.of(TEN, 2, 1, 1, 0, 11))
        .hasMessageContaining("outside the series of length 10");
  }

  @Test
  void aTimeSplitKeepsTargetsApartAndStandardisesOnTheTrainingPart() {
    float[] s = new float[20];
    for (int i = 0; i < s.length; i++)
      s[i] = i < 10 ? i : 100; // a level shift after the training part
    TimeSplit sp = TimeSplit.of(s, 2, 1, 1, 0.5, 0.25);
    assertThat(sp.trainEnd()).isEqualTo(10);
    assertThat(sp.valEnd()).isEqualTo(15);
    // mean and std of 0..9 only: the shift must not leak into them.
    assertThat(sp.mean()).isEqualTo(4.5f);
    assertThat(sp.std()).isCloseTo((float) Math.sqrt(8.25), within(1e-6f));
    assertThat(sp.train().start()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(sp.val().start()).containsExactly(10, 11, 12, 13, 14);
    assertThat(sp.test().start()).containsExactly(15, 16, 17, 18, 19);
    // The first validation window reads the last two training values (the known past).
    assertThat(sp.unscale(sp.val().inputs().get(0, 0, 0))).isCloseTo(8, within(1e-5f));
    assertThat(sp.unscale(sp.val().targets().get(0, 0))).isCloseTo(100, within(1e-4f));
    for (int t : sp.train().start()) assertThat(t).isLessThan(sp.trainEnd());
    assertThatThrownBy(() -> TimeSplit.of(s, 12, 1, 1, 0.5, 0.25))
        .hasMessageContaining("shorter than window + horizon");
  }

  @Test
  void theBundledSeriesAreComplete() {
    Series sun = Series.load("sunspots");
    assertThat(sun.values()).hasSize(309);
    assertThat(sun.values()[0]).isEqualTo(5f); // 1700
    assertThat(sun.values()[308]).isEqualTo(2.9f); // 2008
    Series nino = Series.load("elnino");
    assertThat(nino.values()).hasSize(732);
    assertThat(nino.values()[0]).isEqualTo(23.11f); // January 1950
    assertThat(nino.values()[13]).isEqualTo(25.28f); // February 1951
    assertThatThrownBy(() -> Series.load("co3")).hasMessageContaining("known: sunspots, elnino");
  }

  @Test
  void aVocabularyEncodesDecodesAndMapsUnknownCharacters() {
    Vocabulary v = Vocabulary.of("hello, world");
    // Index 0 is the unknown symbol, then ' ', ',', 'd', 'e', 'h', 'l', 'o', 'r', 'w' in code-point
    // order.
    assertThat(v.size()).isEqualTo(10);
    assertThat(v.encode("hello")).containsExactly(5, 4, 6, 6, 7);
    assertThat(v.encode("word!")).containsExactly(9, 7, 8, 3, Vocabulary.UNKNOWN);
    assertThat(v.decode(new int[] {5, 4, 6, 6, 7, 0})).isEqualTo("hello\uFFFD");
    assertThat(v.missing("held up!")).isEqualTo("up!");
    Vocabulary astral = Vocabulary.of("a\uD83D\uDE00b"); // U+1F600 is one symbol, not two chars
    assertThat(astral.size()).isEqualTo(4);
    assertThat(astral.encode("\uD83D\uDE00")).containsExactly(3);
    Vocabulary back = Vocabulary.ofCodePoints(v.codePoints());
    assertThat(back).isEqualTo(v);
    assertThat(v.codePoints()).containsExactly(32, 44, 100, 101, 104, 108, 111, 114, 119);
    assertThatThrownBy(() -> Vocabulary.ofCodePoints(List.of(50, 40)))
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> Vocabulary.of("")).hasMessageContaining("no characters");
    assertThatThrownBy(() -> v.codePoint(10)).hasMessageContaining("outside [0, 10)");
  }

  @Test
  void aCorpusIsStrictUtf8AndBounded(@TempDir Path dir) throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.txt"), "naïve café\n", StandardCharsets.UTF_8);
    assertThat(TextCorpus.read(ok)).isEqualTo("naïve café\n");
    Path bad = Files.write(dir.resolve("latin1.txt"), new byte[] {'a', 'b', (byte) 0xE9, 'c'});
    assertThatThrownBy(() -> TextCorpus.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("latin1.txt")
        .hasMessageContaining("not UTF-8")
        .hasMessageContaining("offset 2");
    assertThatThrownBy(() -> TextCorpus.read(ok, 5))
        .hasMessageContaining("ok.txt")
        .hasMessageContaining("more than the limit of 5");
    assertThatThrownBy(() -> TextCorpus.read(dir.resolve("none.txt")))
        .hasMessageContaining("none.txt: no such file");
    assertThatThrownBy(() -> TextCorpus.read(dir)).hasMessageContaining("not a regular file");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    assertThatThrownBy(() -> TextCorpus.read(empty)).hasMessageContaining("empty.txt: empty file");
    assertThat(TextCorpus.read(List.of(ok, ok), 100)).isEqualTo("naïve café\nnaïve café\n");
    assertThatThrownBy(() -> TextCorpus.read(List.of(ok, ok), 20))
        .hasMessageContaining("26 bytes together, more than the limit of 20");
    assertThatThrownBy(() -> TextCorpus.read(List.of(ok, dir.resolve("gone.txt")), 100))
        .hasMessageContaining("gone.txt: no such file");
  }
}
