/**
 * Deep reinforcement-learning agents for environments with discrete actions, after
 * Stable-Baselines3: {@link dev.dendrite.rl.agent.deep.Dqn} (replay, target network, Double DQN,
 * dueling heads), {@link dev.dendrite.rl.agent.deep.Reinforce} (with a learned baseline), {@link
 * dev.dendrite.rl.agent.deep.A2c} and {@link dev.dendrite.rl.agent.deep.Ppo}. {@link
 * dev.dendrite.rl.agent.deep.Agents} builds them by name and loads them from {@code .dnd} archives.
 */
package dev.dendrite.rl.agent.deep;
