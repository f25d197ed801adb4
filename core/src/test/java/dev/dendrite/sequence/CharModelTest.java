package dev.dendrite.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.Vocabulary;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharModelTest {
  /** "The House That Jack Built" (English nursery rhyme, public domain), built verse by verse. */
  static String jack() {
    String[][] parts = {
      {"the malt", "lay in"},
      {"the rat", "ate"},
      {"the cat", "killed"},
      {"the dog", "worried"},
      {"the cow with the crumpled horn", "tossed"},
      {"the maiden all forlorn", "milked"},
      {"the man all tattered and torn", "kissed"},
      {"the priest all shaven and shorn", "married"},
      {"the cock that crowed in the morn", "waked"},
      {"the farmer sowing his corn", "kept"}
    };
    StringBuilder sb = new StringBuilder("This is the house that Jack built.\n\n");
    List<String> chain = new ArrayList<>();
    for (String[] p : parts) {
      chain.add(0, "That " + p[1] + " ");
      sb.append("This is ").append(p[0]).append(",\n");
      for (int i = 0; i < chain.size(); i++) {
        String thing =
            i + 1 < chain.size() ? parts[chain.size() - 2 - i][0] : "the house that Jack built";
        sb.append(chain.get(i)).append(thing).append(i + 1 < chain.size() ? ",\n" : ".\n\n");
      }
    }
    return sb.toString();
  }

  @Test
  void aSmallLstmBeatsTheUnigramBaselineByFar() {
    String text = jack();
    Vocabulary v = Vocabulary.of(text);
    int[] all = v.encode(text);
    int cut = (int) (all.length * 0.9);
    int[] train = java.util.Arrays.copyOfRange(all, 0, cut),
        val = java.util.Arrays.copyOfRange(all, cut, all.length);
    CharModel m = CharModel.create(v, 64, 1, new Rng(1));
    double before = m.bitsPerChar(val, 32, 8);
    java.util.List<CharTraining.Epoch> epochs = new ArrayList<>();
    CharTraining cfg = CharTraining.of(30, 32, 2).withBatch(16).withLr(1e-2);
    CharTraining.Epoch last = cfg.fit(m, train, val, cfg.onEpoch(epochs::add));
    // The model ends with the weights of its best validation epoch, and says which one that was.
    assertThat(epochs.stream().mapToDouble(CharTraining.Epoch::valBits).min().orElseThrow())
        .isEqualTo(last.valBits());
    assertThat(m.bitsPerChar(val, 32, 16))
        .isCloseTo(last.valBits(), org.assertj.core.api.Assertions.within(1e-9));
    double unigram = CharBaselines.unigramEntropy(val, v.size()),
        bigram = CharBaselines.bigramBits(train, val, v.size());
    System.out.printf(
        "chars %d, vocab %d: before %.3f, after %.3f bits/char (train %.3f); unigram %.3f, bigram"
            + " %.3f%n",
        all.length, v.size(), before, last.valBits(), last.trainBits(), unigram, bigram);
    assertThat(before)
        .isGreaterThan(Math.log(v.size()) / Math.log(2) - 0.5); // untrained: about log2 V
    assertThat(last.valBits())
        .isLessThan(unigram / 3)
        .isLessThan(bigram - 1); // measured 0.39 against 4.15 and 2.32
  }

  @Test
  void generationIsDeterministicBySeedAndStaysInTheVocabulary(@TempDir Path dir)
      throws IOException {
    String text = jack();
    Vocabulary v = Vocabulary.of(text);
    int[] all = v.encode(text);
    CharModel m = CharModel.create(v, 32, 1, new Rng(3));
    CharTraining.of(3, 32, 4).withBatch(16).withLr(1e-2).fit(m, all, null);
    String a = m.generate("This ", 200, 0.8, new Rng(7)),
        b = m.generate("This ", 200, 0.8, new Rng(7)),
        c = m.generate("This ", 200, 0.8, new Rng(8));
    assertThat(a).isEqualTo(b).isNotEqualTo(c).startsWith("This ");
    assertThat(a.codePointCount(0, a.length())).isEqualTo(205);
    assertThat(v.missing(a)).isEmpty();
    assertThat(a).doesNotContain("\uFFFD");
    // Saved and loaded, the vocabulary comes back and the model samples the same text.
    Path f = dir.resolve("jack.dnd");
    m.save(f, Map.of("dendrite.corpus", "jack"));
    Map<String, String> meta = new HashMap<>();
    CharModel back = CharModel.load(f, meta);
    assertThat(back.vocabulary()).isEqualTo(v);
    assertThat(meta).containsEntry("dendrite.corpus", "jack");
    assertThat(back.generate("This ", 200, 0.8, new Rng(7))).isEqualTo(a);
    assertThatThrownBy(() -> m.generate("Zoo?", 5, 0.8, new Rng(1))).hasMessageContaining("\"Z?\"");
    assertThatThrownBy(() -> m.generate("This", 5, 0, new Rng(1)))
        .hasMessageContaining("temperature");
  }

  @Test
  void lowTemperatureIsNearlyGreedy() {
    float[] logits = {9, 1, 2, 1.5f}; // index 0 (unknown) is never drawn, however large
    int[] count = new int[4];
    Rng rng = new Rng(1);
    for (int i = 0; i < 1000; i++) count[CharModel.sample(logits, 0.05, rng)]++;
    assertThat(count[0]).isZero();
    assertThat(count[2]).isGreaterThan(990);
    int[] warm = new int[4];
    for (int i = 0; i < 3000; i++) warm[CharModel.sample(logits, 1, rng)]++;
    // softmax(1, 2, 1.5) = 0.186, 0.506, 0.307
    assertThat(warm[1]).isBetween(480, 640);
    assertThat(warm[2]).isBetween(1400, 1640);
  }

  @Test
  void baselinesHaveTheirTextbookValues() {
    assertThat(CharBaselines.unigramEntropy(new int[] {1, 2, 1, 2}, 3)).isEqualTo(1.0);
    assertThat(CharBaselines.unigramEntropy(new int[] {1, 1, 1, 1}, 3)).isEqualTo(0.0);
    // train "1 2 1 2": count(1 2) = 2, count(1) = 2, so p(2 | 1) = 3 / 5 with 3 classes.
    assertThat(CharBaselines.bigramBits(new int[] {1, 2, 1, 2}, new int[] {1, 2}, 3))
        .isCloseTo(-Math.log(0.6) / Math.log(2), org.assertj.core.api.Assertions.within(1e-12));
  }
}
