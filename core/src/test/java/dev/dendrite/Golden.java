package dev.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden cases written by the scripts in core/src/test/python: inputs, constant operands, the
 * output, a fixed upstream gradient and the gradient of every input, all from PyTorch.
 */
public record Golden(
    String name, Tensor[] inputs, Tensor[] consts, Tensor output, Tensor upstream, Tensor[] grads) {
  /** Reads the cases of a resource such as {@code /golden/ops.json}. */
  public static List<Golden> load(String resource) {
    try (InputStream in = Golden.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing test resource " + resource);
      JsonNode root = new ObjectMapper().readTree(in);
      List<Golden> cases = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        cases.add(
            new Golden(
                c.get("name").asText(),
                tensors(c.get("inputs")),
                tensors(c.get("consts")),
                tensor(c.get("output")),
                tensor(c.get("upstream")),
                tensors(c.get("grads"))));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Tensor tensor(JsonNode n) {
    int[] shape = new int[n.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = n.get("shape").get(i).asInt();
    float[] d = new float[n.get("data").size()];
    for (int i = 0; i < d.length; i++) d[i] = (float) n.get("data").get(i).asDouble();
    return Tensor.of(d, shape);
  }

  static Tensor[] tensors(JsonNode arr) {
    Tensor[] t = new Tensor[arr.size()];
    for (int i = 0; i < t.length; i++) t[i] = tensor(arr.get(i));
    return t;
  }

  /** Fresh copies of the inputs that require grad. */
  public Tensor[] freshInputs() {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < in.length; i++)
      in[i] = Tensor.of(inputs[i].toArray(), inputs[i].shape()).requiresGrad(true);
    return in;
  }

  /** Element-wise |actual − expected| ≤ tol·(1 + |expected|), shapes equal. */
  public static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
    assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
    float[] a = actual.toArray(), e = expected.toArray();
    for (int i = 0; i < a.length; i++) {
      assertThat((double) a[i])
          .as(what + " element " + i)
          .isCloseTo(e[i], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(e[i]))));
    }
  }
}
