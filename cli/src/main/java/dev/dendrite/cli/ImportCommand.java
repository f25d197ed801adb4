package dev.dendrite.cli;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.Safetensors;
import dev.dendrite.nn.LoadResult;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NameMap;
import dev.dendrite.nn.StateDictLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite import}: PyTorch weights (a state dict saved as safetensors) loaded by name into
 * the model a spec describes, saved as a Dendrite archive.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Load PyTorch weights (a state_dict as .safetensors) into a model spec by name and save"
            + " the model as an archive for eval, predict and train --init.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--weights",
      required = true,
      paramLabel = "FILE",
      description = "The state dict: a .safetensors file, e.g. from safetensors.torch.save_file.")
  Path weights;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "FILE",
      description = "The model spec (.json) whose parameter names the weights must match.")
  Path modelSpec;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the model archive (.dnd).")
  Path output;

  @Option(
      names = "--strict",
      description =
          "Fail on any missing or unexpected key, as PyTorch's strict=True (shape mismatches always"
              + " fail).")
  boolean strict;

  @Option(
      names = "--map",
      paramLabel = "FROM=TO",
      description =
          "Rename the file's keys by a regex rule before matching, in order, e.g. '^net\\.='"
              + " (repeatable; a key renamed to nothing is dropped).")
  List<String> map = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(weights)) throw new IOException(weights + ": no such file");
    var names = mapRules();
    Module model = Shared.loadSpec(modelSpec);
    LoadResult r;
    try {
      r = StateDictLoader.load(model, Safetensors.read(weights).tensors(), strict, names);
    } catch (IllegalArgumentException e) {
      throw new IOException(weights + ": " + e.getMessage(), e);
    }
    ModelArchive.save(output, model, ModelArchive.Info.NONE);
    out.printf(
        "loaded %s into %s%n", Shared.plural(r.loaded().size(), "tensor"), modelSpec.getFileName());
    if (!r.missingKeys().isEmpty())
      out.println("missing keys (left as initialised): " + String.join(", ", r.missingKeys()));
    if (!r.unexpectedKeys().isEmpty())
      out.println("unexpected keys (ignored): " + String.join(", ", r.unexpectedKeys()));
    out.println("wrote " + output);
    return 0;
  }

  private java.util.function.UnaryOperator<String> mapRules() {
    try {
      return NameMap.rules(map);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, "--map: " + e.getMessage());
    }
  }
}
