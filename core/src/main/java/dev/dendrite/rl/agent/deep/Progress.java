package dev.dendrite.rl.agent.deep;

import java.time.Duration;
import java.util.Map;

/**
 * Where a learning run stands, reported every {@code log_interval} environment steps and at the
 * end.
 *
 * @param envSteps environment steps taken so far (over all parallel copies)
 * @param totalSteps the steps the run will take
 * @param episodes episodes finished so far
 * @param meanReturn the mean return of the last 100 finished episodes (NaN before the first)
 * @param metrics agent-specific values (loss, exploration rate, entropy, ...)
 * @param elapsed wall-clock time since the run started
 */
public record Progress(
    long envSteps,
    long totalSteps,
    int episodes,
    double meanReturn,
    Map<String, Double> metrics,
    Duration elapsed) {}
