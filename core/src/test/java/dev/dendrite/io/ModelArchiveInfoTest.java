package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.nn.Linear;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveInfoTest {
  @Test
  void classNamesDataSetAndStandardisationComeBackFromTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.dnd");
    var std = new ModelArchive.Standardization(new float[] {1, 2}, new float[] {2, 4});
    ModelArchive.save(
        f,
        new Linear(2, 3, new Rng(1)),
        new ModelArchive.Info(List.of("a", "b", "c"), "iris", std));
    ModelArchive.Info info = ModelArchive.loadWithMetadata(f).info();
    assertThat(info.classes()).containsExactly("a", "b", "c");
    assertThat(info.dataSet()).isEqualTo("iris");
    assertThat(info.prepare(Tensor.of(new float[][] {{3, 10}})).toArray()).containsExactly(1f, 2f);
    assertThat(info.standardization().invert(Tensor.of(new float[][] {{1, 2}})).toArray())
        .containsExactly(3f, 10f);
  }

  @Test
  void theMetadataKeysAreThoseEarlierArchivesWereWrittenWith(@TempDir Path dir) throws Exception {
    // An archive written before Info existed: the keys and JSON the command line wrote by hand.
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("dendrite.classes", "[\"setosa\",\"versicolor\"]");
    meta.put("dendrite.data", "iris");
    meta.put("dendrite.standardize", "{\"mean\":[0.5,1.5],\"std\":[2.0,0.5]}");
    Path f = dir.resolve("old.dnd");
    ModelArchive.save(f, new Linear(2, 2, new Rng(1)), meta);
    ModelArchive.Info info = ModelArchive.loadWithMetadata(f).info();
    assertThat(info.classes()).containsExactly("setosa", "versicolor");
    assertThat(info.standardization().mean()).containsExactly(0.5f, 1.5f);
    assertThat(info.standardization().std()).containsExactly(2f, 0.5f);
    ModelArchive.save(dir.resolve("new.dnd"), new Linear(2, 2, new Rng(1)), info);
    assertThat(ModelArchive.loadWithMetadata(dir.resolve("new.dnd")).metadata())
        .containsAllEntriesOf(meta);
  }

  @Test
  void aModelSavedWithoutInfoHasNone(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bare.dnd");
    ModelArchive.save(f, new Linear(2, 2, new Rng(1)), Map.of());
    ModelArchive.Info info = ModelArchive.loadWithMetadata(f).info();
    assertThat(info).isEqualTo(ModelArchive.Info.NONE);
    Tensor x = Tensor.of(new float[][] {{1, 2}});
    assertThat(info.prepare(x)).isSameAs(x);
  }

  @Test
  void aMalformedEntryNamesTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.dnd");
    ModelArchive.save(
        f,
        new Linear(2, 2, new Rng(1)),
        Map.of("dendrite.standardize", "{\"mean\":[1],\"std\":\"x\"}"));
    assertThatThrownBy(() -> ModelArchive.loadWithMetadata(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.dnd")
        .hasMessageContaining("std");
  }
}
