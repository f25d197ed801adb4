"""Trajectories of the classic-control environments under fixed action sequences, from a NumPy
transcription of Gymnasium's step functions (gymnasium/envs/classic_control/*.py at commit
3f0476a8cc224dcce2167cc4b6971ae0f04d5cfc), so that CI needs neither Python nor gymnasium.

Each case: an initial float64 state, the actions, and after every step the float64 state, the
reward and whether the episode terminated. Run: python3 core/src/test/python/gen_rl_golden.py
"""
import json
import math

import numpy as np

OUT = "core/src/test/resources/golden/rl_classic.json"

# NumPy 1.24 on an AVX-512 machine evaluates float64 sin and cos with its own SIMD kernels, which
# differ from the C library's (correctly rounded in practice) by an ulp in most arguments; chaotic
# dynamics then amplify that into the 1e-13 range within a hundred steps. The transcription calls the
# C library through math.sin / math.cos so that the trajectories are reproducible anywhere.
np_cos, np_sin = math.cos, math.sin


# ---- CartPole-v1 (cartpole.py, kinematics_integrator = "euler") ----
def cartpole_step(state, action):
    gravity, masscart, masspole = 9.8, 1.0, 0.1
    total_mass = masspole + masscart
    length = 0.5
    polemass_length = masspole * length
    force_mag, tau = 10.0, 0.02
    theta_threshold_radians = 12 * 2 * math.pi / 360
    x_threshold = 2.4
    x, x_dot, theta, theta_dot = state
    force = force_mag if action == 1 else -force_mag
    costheta = np_cos(theta)
    sintheta = np_sin(theta)
    temp = (force + polemass_length * np.square(theta_dot) * sintheta) / total_mass
    thetaacc = (gravity * sintheta - costheta * temp) / (
        length * (4.0 / 3.0 - masspole * np.square(costheta) / total_mass))
    xacc = temp - polemass_length * thetaacc * costheta / total_mass
    x = x + tau * x_dot
    x_dot = x_dot + tau * xacc
    theta = theta + tau * theta_dot
    theta_dot = theta_dot + tau * thetaacc
    state = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
    terminated = bool(x < -x_threshold or x > x_threshold
                      or theta < -theta_threshold_radians or theta > theta_threshold_radians)
    return state, 1.0, terminated


def run(name, step, state, actions):
    states, rewards, terms = [], [], []
    for a in actions:
        state, r, t = step(state, a)
        states.append([float(v) for v in state])
        rewards.append(float(r))
        terms.append(bool(t))
        if t:
            break
    return {"name": name, "initial": [float(v) for v in init_of[name]], "actions": actions[:len(states)],
            "states": states, "rewards": rewards, "terminated": terms}


init_of = {}


def case(name, step, initial, actions):
    init_of[name] = np.array(initial, dtype=np.float64)
    return run(name, step, init_of[name].copy(), actions)


def main():
    rng = np.random.default_rng(15)
    cases = []
    # A balancing controller keeps the pole up for the whole sequence; random pushes make it fall.
    cp_actions = [int(a) for a in rng.integers(0, 2, size=300)]
    cases.append(case("CartPole-v1/random", cartpole_step, [0.01, -0.02, 0.03, 0.04], cp_actions))
    cases.append(case("CartPole-v1/right", cartpole_step, [-0.03, 0.01, -0.02, 0.0], [1] * 100))
    alt = [(i // 7) % 2 for i in range(400)]
    cases.append(case("CartPole-v1/alternating", cartpole_step, [0.04, 0.0, -0.01, 0.02], alt))
    # A PD controller's choices, recorded, keep the pole up for the 500 steps of an episode.
    state, bal = np.array([0.02, 0.0, -0.03, 0.01]), []
    for _ in range(500):
        a = int(state[2] + 0.5 * state[3] + 0.01 * state[0] + 0.05 * state[1] > 0)
        bal.append(a)
        state, _, _ = cartpole_step(state, a)
    cases.append(case("CartPole-v1/balanced", cartpole_step, [0.02, 0.0, -0.03, 0.01], bal))
    with open(OUT, "w") as f:
        json.dump({"generator": "core/src/test/python/gen_rl_golden.py", "numpy": np.__version__,
                   "cases": cases}, f)
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
