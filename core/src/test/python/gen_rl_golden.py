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


# ---- MountainCar-v0 (mountain_car.py) ----
def mountaincar_step(state, action):
    min_position, max_position, max_speed = -1.2, 0.6, 0.07
    goal_position, goal_velocity = 0.5, 0
    force, gravity = 0.001, 0.0025
    position, velocity = state
    velocity += (action - 1) * force + math.cos(3 * position) * (-gravity)
    velocity = np.clip(velocity, -max_speed, max_speed)
    position += velocity
    position = np.clip(position, min_position, max_position)
    if position == min_position and velocity < 0:
        velocity = 0
    terminated = bool(position >= goal_position and velocity >= goal_velocity)
    return np.array((position, velocity), dtype=np.float64), -1.0, terminated


# ---- Acrobot-v1 (acrobot.py, book_or_nips = "book", torque_noise_max = 0) ----
pi = math.pi


def wrap(x, m, M):
    diff = M - m
    while x > M:
        x = x - diff
    while x < m:
        x = x + diff
    return x


def bound(x, m, M):
    return min(max(x, m), M)


def rk4(derivs, y0, t):
    yout = np.zeros((len(t), len(y0)), np.float64)
    yout[0] = y0
    for i in np.arange(len(t) - 1):
        this = t[i]
        dt = t[i + 1] - this
        dt2 = dt / 2.0
        y0 = yout[i]
        k1 = np.asarray(derivs(y0))
        k2 = np.asarray(derivs(y0 + dt2 * k1))
        k3 = np.asarray(derivs(y0 + dt2 * k2))
        k4 = np.asarray(derivs(y0 + dt * k3))
        yout[i + 1] = y0 + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return yout[-1][:4]


def acrobot_dsdt(s_augmented):
    m1 = m2 = l1 = 1.0
    lc1 = lc2 = 0.5
    I1 = I2 = 1.0
    g = 9.8
    a = s_augmented[-1]
    s = s_augmented[:-1]
    theta1, theta2, dtheta1, dtheta2 = s[0], s[1], s[2], s[3]
    cos, sin = np_cos, np_sin
    d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * cos(theta2)) + I1 + I2
    d2 = m2 * (lc2**2 + l1 * lc2 * cos(theta2)) + I2
    phi2 = m2 * lc2 * g * cos(theta1 + theta2 - pi / 2.0)
    phi1 = (
        -m2 * l1 * lc2 * dtheta2**2 * sin(theta2)
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
        + (m1 * lc1 + m2 * l1) * g * cos(theta1 - pi / 2)
        + phi2
    )
    ddtheta2 = (
        a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1**2 * sin(theta2) - phi2
    ) / (m2 * lc2**2 + I2 - d2**2 / d1)
    ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
    return dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0


def acrobot_step(s, a):
    torque = [-1.0, 0.0, +1][a]
    s_augmented = np.append(s, torque)
    ns = rk4(acrobot_dsdt, s_augmented, [0, 0.2])
    ns[0] = wrap(ns[0], -pi, pi)
    ns[1] = wrap(ns[1], -pi, pi)
    ns[2] = bound(ns[2], -4 * pi, 4 * pi)
    ns[3] = bound(ns[3], -9 * pi, 9 * pi)
    terminated = bool(-np_cos(ns[0]) - np_cos(ns[1] + ns[0]) > 1.0)
    return ns, (-1.0 if not terminated else 0.0), terminated


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
    mc = [int(a) for a in rng.integers(0, 3, size=200)]
    cases.append(case("MountainCar-v0/random", mountaincar_step, [-0.5, 0.0], mc))
    # Push along the velocity: reaches the flag; the left wall stops the car on the way.
    state, energy = np.array([-0.45, 0.0]), []
    for _ in range(200):
        a = 2 if state[1] >= 0 else 0
        energy.append(a)
        state, _, t = mountaincar_step(state, a)
        if t:
            break
    cases.append(case("MountainCar-v0/energy", mountaincar_step, [-0.45, 0.0], energy))
    cases.append(case("MountainCar-v0/left-wall", mountaincar_step, [-1.1, -0.05], [0] * 30))
    ac = [int(a) for a in rng.integers(0, 3, size=500)]
    f32 = [float(np.float32(v)) for v in (0.05, -0.08, 0.02, -0.01)]
    cases.append(case("Acrobot-v1/random", acrobot_step, f32, ac))
    # Torque along the second link's velocity pumps energy until the tip swings above the bar.
    state, pump = np.array(f32, dtype=np.float64), []
    for _ in range(500):
        a = 2 if state[3] >= 0 else 0
        pump.append(a)
        state, _, t = acrobot_step(state, a)
        if t:
            break
    cases.append(case("Acrobot-v1/pump", acrobot_step, f32, pump))
    with open(OUT, "w") as f:
        json.dump({"generator": "core/src/test/python/gen_rl_golden.py", "numpy": np.__version__,
                   "cases": cases}, f)
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
