package dev.dendrite.rl;

/**
 * One possible outcome of an action in a known model, as an entry of Gymnasium's {@code P[s][a]}:
 * {@code (prob, next_state, reward, terminated)}.
 */
public record Transition(double prob, int next, double reward, boolean terminated) {}
