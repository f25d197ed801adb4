package dev.dendrite.rl.vector;

import java.util.List;
import java.util.Map;

/**
 * One step of every copy of a vector environment: element {@code i} of each field belongs to copy
 * {@code i}.
 */
public record VectorStep<O>(
    List<O> observations,
    double[] rewards,
    boolean[] terminated,
    boolean[] truncated,
    List<Map<String, Object>> infos) {}
