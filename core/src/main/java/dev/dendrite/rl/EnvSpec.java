package dev.dendrite.rl;

import java.util.Map;
import java.util.function.Function;

/**
 * A registered environment, as Gymnasium's {@code EnvSpec}: how to build it, which keyword
 * arguments it accepts with their defaults, and the time limit and solved threshold it is
 * registered with.
 *
 * @param id the name given to {@link Envs#make}
 * @param factory builds the bare environment from the merged keyword arguments
 * @param kwargs the accepted keyword arguments and their defaults
 * @param maxEpisodeSteps the {@code TimeLimit}, or 0 for none
 * @param rewardThreshold the average return that counts as solved, or NaN if none is registered
 */
public record EnvSpec(
    String id,
    Function<Map<String, Object>, Env<?, ?>> factory,
    Map<String, Object> kwargs,
    int maxEpisodeSteps,
    double rewardThreshold) {}
