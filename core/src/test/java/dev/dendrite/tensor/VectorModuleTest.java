package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorModuleTest {
  @Test
  void withoutTheModuleTheErrorSaysWhichFlagToAdd() {
    assertThatThrownBy(() -> VectorModule.require(false))
        .isInstanceOf(LinkageError.class)
        .hasMessageContaining("--add-modules jdk.incubator.vector");
  }

  @Test
  void theTestsRunWithTheModule() {
    assertThat(ModuleLayer.boot().findModule(VectorModule.MODULE)).isPresent();
    assertThatCode(VectorModule::require).doesNotThrowAnyException();
  }
}
