package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.kernels.FusedLinear;
import dev.dendrite.ops.Dense;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A model compiled for inference, as {@code torch.jit.freeze} or {@code torch.inference_mode} is
 * used in PyTorch: no graph is recorded, each Linear (with the ReLU after it, in a {@link
 * Sequential}) runs as one fused op on a weight packed once, and the fused ops write into buffers
 * kept from one batch to the next, so a steady stream of batches allocates nothing for them. Layers
 * it does not fuse run their ordinary {@code forward}. The outputs are those of {@code
 * model.forward(x)} under {@link Grad#disabled()} up to rounding: a fused Linear sums each output's
 * products in order, which differs from the GEMM's order in the last bits, and gives each row the
 * same bits whatever the batch it comes in and the number of threads.
 *
 * <pre>{@code
 * model.eval();
 * InferencePlan plan = InferencePlan.compile(model);
 * for (Tensor batch : batches) {
 *   Tensor logits = plan.run(batch); // valid until the next run
 *   ...
 * }
 * }</pre>
 *
 * <p>The plan reads the model's parameters at every run, so it follows training and loaded weights.
 * The tensor {@link #run} returns lives in the plan's buffer and is overwritten by the next run:
 * {@code clone()} it to keep it. A plan holds per-batch state, so each thread that predicts needs
 * its own (compiling one is cheap: no weight is copied).
 */
public final class InferencePlan {
  private final Module model;
  private final List<Step> steps = new ArrayList<>();

  private InferencePlan(Module model) {
    this.model = model;
    add(model);
  }

  /**
   * Compiles {@code model}, which must be in evaluation mode (as {@code torch.jit.freeze} asks):
   * dropout and batch norm's batch statistics have no place in inference.
   */
  public static InferencePlan compile(Module model) {
    if (model == null) throw new IllegalArgumentException("InferencePlan: no model");
    requireEval(model);
    return new InferencePlan(model);
  }

  private static void requireEval(Module model) {
    if (model.isTraining())
      throw new IllegalStateException(
          "InferencePlan: "
              + model.getClass().getSimpleName()
              + " is in training mode; call eval() on it first");
  }

  private void add(Module m) {
    if (m instanceof Sequential s) {
      for (Module p : s.plan()) add(p);
    } else if (m instanceof LinearReLU f) {
      steps.add(new LinearStep(f.linear(), FusedLinear.Act.RELU));
    } else if (m instanceof Linear l) {
      steps.add(new LinearStep(l, FusedLinear.Act.NONE));
    } else {
      steps.add(new ModuleStep(m));
    }
  }

  /**
   * The model's output for {@code x}, with no graph; the result is valid until the next call (it
   * may share the plan's buffer).
   */
  public Tensor run(Tensor x) {
    requireEval(model);
    try (var off = Grad.disabled()) {
      for (Step s : steps) x = s.run(x);
      return x;
    }
  }

  /** What each step runs, in order: {@code Linear(in=784, out=256)+ReLU fused}, or a layer. */
  public List<String> steps() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) out.add(s.toString());
    return out;
  }

  @Override
  public String toString() {
    return "InferencePlan" + steps();
  }

  private interface Step {
    Tensor run(Tensor x);
  }

  /** A layer the plan does not fuse: its own forward. */
  private record ModuleStep(Module module) implements Step {
    @Override
    public Tensor run(Tensor x) {
      return module.forward(x);
    }

    @Override
    public String toString() {
      return module.toString();
    }
  }

  /** Linear (+ activation) into a buffer that grows to the largest batch and is then reused. */
  private static final class LinearStep implements Step {
    private final Linear linear;
    private final FusedLinear.Act act;
    private Tensor buffer; // (capacity, out)
    private Tensor view; // the first rows of buffer, for the last batch size
    private int viewRows = -1;
    private final Dense.PackedWeight packed = new Dense.PackedWeight();

    LinearStep(Linear linear, FusedLinear.Act act) {
      this.linear = linear;
      this.act = act;
    }

    @Override
    public Tensor run(Tensor x) {
      if (!Dense.fits(x) || x.size(1) != linear.inFeatures())
        return act == FusedLinear.Act.RELU ? linear.forwardRelu(x) : linear.forward(x);
      int n = x.size(0), out = linear.outFeatures();
      if (buffer == null || buffer.size(0) < n) {
        buffer = Tensor.zeros(n, out);
        viewRows = -1;
      }
      if (n != viewRows) {
        view = n == buffer.size(0) ? buffer : buffer.slice(0, 0, n);
        viewRows = n;
      }
      Dense.into(x, linear.weight(), packed, linear.bias(), act, view);
      return view;
    }

    @Override
    public String toString() {
      return linear + (act == FusedLinear.Act.RELU ? "+ReLU" : "") + " fused";
    }
  }
}
