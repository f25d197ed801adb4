package dev.dendrite.rl.agent;

/**
 * What a planner returns: the state values, a greedy policy (one action per state) and the number
 * of sweeps it took.
 */
public record Plan(double[] values, int[] policy, int sweeps) {}
