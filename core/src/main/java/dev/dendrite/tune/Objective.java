package dev.dendrite.tune;

import java.nio.file.Path;
import java.util.Map;

/** What a search optimises: trains one configuration for some epochs and scores each epoch. */
@FunctionalInterface
public interface Objective {
  /**
   * One job of a trial: train {@code config} from epoch {@code from} to {@code to}. When {@code
   * from > 0} the model and optimizer continue from {@code resume} if that file exists (else the
   * run starts again from scratch with the same seeds, which gives the same result); the state
   * after epoch {@code to} goes to {@code save} (null when the trial will not be continued) so that
   * a later promotion can continue it.
   */
  record Run(int trial, Map<String, Object> config, int from, int to, Path resume, Path save) {}

  /**
   * The score after each epoch of the job (higher is better, e.g. validation accuracy): {@code to −
   * from} values, or all {@code to} of them when the run had to start again from scratch. A
   * diverged run throws {@link dev.dendrite.train.Trainer.Diverged}: the trial fails, the search
   * goes on.
   */
  double[] run(Run run) throws Exception;
}
