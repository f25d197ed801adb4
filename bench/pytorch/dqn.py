#!/usr/bin/python3
"""The `bench dqn` workload in PyTorch, for a same-run comparison with `./dendrite bench dqn`.

DQN as Stable-Baselines3 runs it with rl-baselines3-zoo's CartPole-v1 settings, and as Dendrite's
`rl.agent.deep.Dqn` does: Q-network 4-256-256-2 with ReLU (PyTorch's default initialisation), Adam
lr 2.3e-3, batch 64, replay buffer 100000 sampled uniformly with replacement, 1000 random steps
first, then every 256 env steps 128 updates of the Huber (smooth L1) loss against
r + 0.99 * max_a' Q_target(s', a') (no bootstrap on termination), gradients clipped to norm 10,
the target network copied every 10 env steps, epsilon falling linearly from 1 to 0.04 over the
first 16% of the run.

Gymnasium is not installable here, so CartPole-v1 is a NumPy transcription of Gymnasium's
CartPoleEnv (Euler, tau 0.02, force 10, 500-step limit, reset uniform(-0.05, 0.05)).

    /usr/bin/python3 bench/pytorch/dqn.py --steps 50000 --threads 1
Prints one JSON line with the same fields as the Java runner (cpu_seconds: the process's CPU
time, a steadier figure than wall-clock time on a loaded machine; peak RSS and the CPU as in measure.py).
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import measure


class CartPole:
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass = masspole + masscart
    polemass_length = masspole * length
    theta_threshold = 12 * 2 * math.pi / 360
    x_threshold = 2.4

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.state = None
        self.steps = 0

    def reset(self):
        self.state = self.rng.uniform(-0.05, 0.05, size=(4,))
        self.steps = 0
        return np.array(self.state, dtype=np.float32)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        costheta, sintheta = math.cos(theta), math.sin(theta)
        temp = (force + self.polemass_length * theta_dot**2 * sintheta) / self.total_mass
        thetaacc = (self.gravity * sintheta - costheta * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * costheta**2 / self.total_mass))
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * xacc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * thetaacc
        self.state = (x, x_dot, theta, theta_dot)
        self.steps += 1
        terminated = bool(x < -self.x_threshold or x > self.x_threshold
                          or theta < -self.theta_threshold or theta > self.theta_threshold)
        truncated = self.steps >= 500
        return np.array(self.state, dtype=np.float32), 1.0, terminated, truncated


def qnet(width):
    return nn.Sequential(nn.Linear(4, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                         nn.Linear(width, 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=50000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=256)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed + 1)
    batch, buffer_size, learning_starts = 64, 100000, 1000
    train_freq, gradient_steps, target_every = 256, 128, 10
    gamma, eps0, eps1, fraction, max_norm = 0.99, 1.0, 0.04, 0.16, 10.0

    q, target = qnet(a.width), qnet(a.width)
    target.load_state_dict(q.state_dict())
    opt = torch.optim.Adam(q.parameters(), lr=2.3e-3)
    obs_buf = np.zeros((buffer_size, 4), dtype=np.float32)
    next_buf = np.zeros((buffer_size, 4), dtype=np.float32)
    act_buf = np.zeros(buffer_size, dtype=np.int64)
    rew_buf = np.zeros(buffer_size, dtype=np.float32)
    term_buf = np.zeros(buffer_size, dtype=np.float32)
    size = pos = 0
    env = CartPole(a.seed)
    obs = env.reset()
    returns, ret, updates, eps = [], 0.0, 0, eps0
    t0, c0 = time.perf_counter(), time.process_time()
    for t in range(1, a.steps + 1):
        if t - 1 < learning_starts or rng.random() < eps:
            action = int(rng.integers(2))
        else:
            with torch.no_grad():
                action = int(q(torch.from_numpy(obs).unsqueeze(0)).argmax(dim=1).item())
        nxt, r, term, trunc = env.step(action)
        obs_buf[pos], next_buf[pos], act_buf[pos], rew_buf[pos], term_buf[pos] = obs, nxt, action, r, term
        pos = (pos + 1) % buffer_size
        size = min(size + 1, buffer_size)
        ret += r
        if term or trunc:
            returns.append(ret)
            ret = 0.0
            obs = env.reset()
        else:
            obs = nxt
        progress = t / a.steps
        eps = eps1 if progress > fraction else eps0 + progress * (eps1 - eps0) / fraction
        if t % target_every == 0:
            target.load_state_dict(q.state_dict())
        if t % train_freq == 0 and t > learning_starts:
            for _ in range(gradient_steps):
                idx = rng.integers(0, size, size=batch)
                o = torch.from_numpy(obs_buf[idx])
                n = torch.from_numpy(next_buf[idx])
                with torch.no_grad():
                    y = torch.from_numpy(rew_buf[idx]) + (1 - torch.from_numpy(term_buf[idx])) * gamma * target(n).max(dim=1).values
                qa = q(o).gather(1, torch.from_numpy(act_buf[idx]).unsqueeze(1)).squeeze(1)
                loss = F.smooth_l1_loss(qa, y)
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(q.parameters(), max_norm)
                opt.step()
                updates += 1
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    last = returns[-100:]
    print(json.dumps({
        "bench": "dqn", "impl": "pytorch", "torch": torch.__version__, "threads": a.threads,
        "blas_threads": measure.blas_threads(),
        "env_steps": a.steps, "updates": updates, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
        "env_steps_per_s": round(a.steps / seconds, 1), "updates_per_s": round(updates / seconds, 1),
        "episodes": len(returns), "mean_return_last_100": round(float(np.mean(last)), 1) if last else None,
        "peak_rss_mb": measure.peak_rss_mb(), "cpu": measure.cpu(),
    }))


if __name__ == "__main__":
    main()
