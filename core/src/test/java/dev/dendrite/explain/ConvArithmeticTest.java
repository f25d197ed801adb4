package dev.dendrite.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConvArithmeticTest {
  @Test
  void convolutionOutputSizes() {
    assertThat(ConvArithmetic.conv(16, 3, 1, 2).formula())
        .isEqualTo("⌊(16 + 2·2 − 3) / 1⌋ + 1 = 18");
    assertThat(ConvArithmetic.conv(28, 3, 1, 1).output()).isEqualTo(28);
    assertThat(ConvArithmetic.conv(28, 5, 2, 0).output()).isEqualTo(12);
    assertThat(ConvArithmetic.conv(224, 7, 2, 3).output()).isEqualTo(112); // ResNet's stem
    // dilation 2, kernel 3 spans 5: ⌊(10 + 0 − 2·2 − 1)/1⌋ + 1 = 6
    assertThat(new ConvArithmetic(10, 3, 1, 0, 2, 0, false, false).output()).isEqualTo(6);
  }

  @Test
  void poolingWithCeilModeFollowsPyTorch() {
    // torch.nn.MaxPool2d(2, 2, ceil_mode=True) on 5 → 3; on 4 → 2; MaxPool2d(3, 2, padding=1,
    // ceil_mode=True) on 4 → 3, on 7 → 4 (values printed by PyTorch 1.13)
    assertThat(new ConvArithmetic(5, 2, 2, 0, 1, 0, false, true).output()).isEqualTo(3);
    assertThat(new ConvArithmetic(4, 2, 2, 0, 1, 0, false, true).output()).isEqualTo(2);
    assertThat(new ConvArithmetic(4, 3, 2, 1, 1, 0, false, true).output()).isEqualTo(3);
    assertThat(new ConvArithmetic(7, 3, 2, 1, 1, 0, false, true).output()).isEqualTo(4);
    assertThat(new ConvArithmetic(5, 2, 2, 0, 1, 0, false, false).output()).isEqualTo(2);
  }

  @Test
  void transposedConvolutionUndoesTheShapeOfAStridedOne() {
    // ConvTranspose2d(k=4, s=2, p=1): 7 → 14, the DCGAN up-sampling step
    assertThat(new ConvArithmetic(7, 4, 2, 1, 1, 0, true, false).output()).isEqualTo(14);
    assertThat(new ConvArithmetic(7, 3, 2, 1, 1, 1, true, false).output()).isEqualTo(14);
  }

  @Test
  void samePaddingAndErrors() {
    assertThat(ConvArithmetic.samePadding(3, 1)).isEqualTo(1);
    assertThat(ConvArithmetic.samePadding(5, 2)).isEqualTo(4);
    assertThatThrownBy(() -> ConvArithmetic.conv(5, 9, 1, 0).output())
        .hasMessageContaining("larger than the padded input 5");
    assertThatThrownBy(() -> ConvArithmetic.conv(5, 3, 0, 0)).hasMessageContaining("stride");
  }

  @Test
  void paddingCountedTwiceAndLayersReadFromTheirSpecs() {
    ConvArithmetic notes = ConvArithmetic.conv(16, 3, 1, 2);
    assertThat(notes.paddedTwice().formula()).isEqualTo("⌊(20 + 2·2 − 3) / 1⌋ + 1 = 22");
    assertThat(notes.prePadded().formula()).isEqualTo("⌊(20 + 2·0 − 3) / 1⌋ + 1 = 18");
    var conv =
        new dev.dendrite.nn.conv.Conv2d(
            1, 4, 3, 5, 2, 1, 1, 1, true, new dev.dendrite.tensor.Rng(0));
    var axes = ConvArithmetic.ofLayer(conv.spec(), 28, 30);
    assertThat(axes).extracting(ConvArithmetic::output).containsExactly(14, 14);
    assertThat(conv.outputShape(new int[] {1, 1, 28, 30})).containsExactly(1, 4, 14, 14);
    assertThat(ConvArithmetic.ofLayer(new dev.dendrite.nn.conv.MaxPool2d(2).spec(), 7, 7))
        .extracting(ConvArithmetic::output)
        .containsExactly(3, 3);
    assertThat(ConvArithmetic.ofLayer(java.util.Map.of("type", "ReLU"), 5)).isEmpty();
    java.util.Map<String, Object> same =
        java.util.Map.of("type", "Conv1d", "kernel", 5, "padding", "same", "dilation", 2);
    assertThat(ConvArithmetic.ofLayer(same, 20).get(0).formula())
        .isEqualTo("⌊(20 + 2·4 − 2·(5 − 1) − 1) / 1⌋ + 1 = 20");
    java.util.Map<String, Object> up =
        java.util.Map.of(
            "type",
            "ConvTranspose2d",
            "kernel",
            java.util.List.of(4, 3),
            "stride",
            2,
            "padding",
            1);
    assertThat(ConvArithmetic.ofLayer(up, 7, 7))
        .extracting(ConvArithmetic::output)
        .containsExactly(14, 13);
  }
}
