package dev.dendrite.rl.vector;

import java.util.List;
import java.util.Map;

/** The first observation and info of every copy of a vector environment. */
public record VectorReset<O>(List<O> observations, List<Map<String, Object>> infos) {}
