package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerConfigTest {
  @Test
  void pyTorchRunsInItsThreeSettings() {
    List<PeerConfig> c = PeerConfig.pytorch(2, t -> List.of("train.py", "--threads", "" + t));
    assertThat(c)
        .extracting(PeerConfig::label)
        .containsExactly("torch=2,openblas=2", "torch=2,openblas=1", "torch=1,openblas=1");
    assertThat(c).extracting(PeerConfig::threads).containsExactly(2, 2, 1);
    assertThat(c.get(1).command()).containsExactly("train.py", "--threads", "2");
    assertThat(c.get(1).env()).isEqualTo(Map.of("OPENBLAS_NUM_THREADS", "1"));
    assertThat(c.get(0).env()).isEqualTo(Map.of("OPENBLAS_NUM_THREADS", "2"));
    assertThat(c.get(2).command()).containsExactly("train.py", "--threads", "1");
  }

  @Test
  void oneThreadIsOneSetting() {
    assertThat(PeerConfig.pytorch(1, t -> List.of()))
        .extracting(PeerConfig::label)
        .containsExactly("torch=1,openblas=1");
    assertThat(PeerConfig.sklearn(1, t -> List.of()))
        .extracting(PeerConfig::label)
        .containsExactly("openblas=1");
    assertThat(PeerConfig.djl(1, t -> List.of()))
        .extracting(PeerConfig::label)
        .containsExactly("intra=1,interop=1");
  }

  @Test
  void scikitLearnAndLibtorchSettings() {
    List<PeerConfig> s = PeerConfig.sklearn(4, t -> List.of("rbm.py", "--threads", "" + t));
    assertThat(s).extracting(PeerConfig::label).containsExactly("openblas=4", "openblas=1");
    assertThat(s.get(1).command()).containsExactly("rbm.py", "--threads", "1");
    List<PeerConfig> d = PeerConfig.djl(2, t -> List.of("-Dai.djl.pytorch.num_threads=" + t));
    assertThat(d)
        .extracting(PeerConfig::label)
        .containsExactly("intra=2,interop=1", "intra=1,interop=1");
    assertThat(d.get(1).command()).containsExactly("-Dai.djl.pytorch.num_threads=1");
    assertThat(d).allSatisfy(p -> assertThat(p.peer()).isEqualTo("djl"));
  }

  @Test
  void peerNamesAreCheckedBeforeAnythingRuns() {
    assertThat(MlpBench.peers(null, List.of("pytorch"))).isEmpty();
    assertThat(MlpBench.peers(" pytorch, djl,pytorch,", List.of("pytorch", "djl")))
        .containsExactly("pytorch", "djl");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MlpBench.peers("pytorch,tf", List.of("pytorch", "djl")))
        .hasMessage("--peer: unknown peer tf (known: pytorch, djl)");
  }
}
