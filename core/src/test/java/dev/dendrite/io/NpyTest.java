package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  static Path fixture(String name) throws Exception {
    return Path.of(NpyTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void readsFilesWrittenByNumpy() throws Exception {
    Tensor a = Npy.read(fixture("f4_2x3.npy"));
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.toArray()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
    assertThat(Npy.read(fixture("f8_4.npy")).toArray()).containsExactly(0.5f, -1.25f, 3f, 1e-3f);
    assertThat(Npy.read(fixture("i8_2x2.npy")).toArray()).containsExactly(1f, -2f, 3f, 40000f);
    assertThat(Npy.read(fixture("u1_3.npy")).toArray()).containsExactly(0f, 128f, 255f);
    Tensor s = Npy.read(fixture("scalar.npy"));
    assertThat(s.dim()).isZero();
    assertThat(s.item()).isEqualTo(7.5f);
  }

  @Test
  void writesWhatNumpyReadsBackExactly(@TempDir Path dir) throws IOException {
    Tensor t = Tensor.randn(new Rng(1), 3, 4, 5);
    Path f = dir.resolve("t.npy");
    Npy.write(f, t);
    assertThat(Npy.read(f).toArray()).containsExactly(t.toArray());
    assertThat((Files.size(f) - 4L * 60) % 64).isZero();
    Npy.write(f, Tensor.of(1f, 2f));
    assertThat(Npy.read(f).shape()).containsExactly(2);
  }

  @Test
  void corruptFilesAreNamedAndNothingHugeIsAllocated(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.npy");
    Files.write(f, "not numpy at all".getBytes());
    assertThatThrownBy(() -> Npy.read(f))
        .hasMessageContaining("bad.npy")
        .hasMessageContaining("magic");
    byte[] hdr =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }\n".getBytes();
    byte[] b = new byte[10 + hdr.length + 8];
    b[0] = (byte) 0x93;
    b[1] = 'N';
    b[2] = 'U';
    b[3] = 'M';
    b[4] = 'P';
    b[5] = 'Y';
    b[6] = 1;
    b[8] = (byte) hdr.length;
    System.arraycopy(hdr, 0, b, 10, hdr.length);
    Files.write(f, b);
    assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("needs more data");
    byte[] fortran =
        new String(hdr).replace("False", "True").replace("100000, 100000", "1,").getBytes();
    System.arraycopy(fortran, 0, b, 10, fortran.length);
    b[8] = (byte) fortran.length;
    Files.write(f, java.util.Arrays.copyOf(b, 10 + fortran.length + 4));
    assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("Fortran");
  }
}
