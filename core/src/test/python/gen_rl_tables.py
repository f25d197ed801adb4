"""Transition tables P[s][a] of Gymnasium's toy-text environments, transcribed from
gymnasium/envs/toy_text/{frozen_lake,cliffwalking,taxi}.py (Taxi as of v3: the deterministic
default), so that CI compares the Java tables without Python. Each entry: [prob, next, reward,
terminated]. Run: python3 core/src/test/python/gen_rl_tables.py
"""
import json

import numpy as np

OUT = "core/src/test/resources/golden/rl_tables.json"
LEFT, DOWN, RIGHT, UP = 0, 1, 2, 3
MAPS = {
    "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
    "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF",
            "FFFHFFFG"],
}


def frozen_lake(map_name, is_slippery, success_rate=1.0 / 3.0, reward_schedule=(1, 0, 0)):
    desc = np.asarray(MAPS[map_name], dtype="c")
    nrow, ncol = desc.shape
    nA, nS = 4, nrow * ncol
    P = {s: {a: [] for a in range(nA)} for s in range(nS)}
    fail_rate = (1.0 - success_rate) / 2.0

    def to_s(row, col):
        return row * ncol + col

    def inc(row, col, a):
        if a == LEFT:
            col = max(col - 1, 0)
        elif a == DOWN:
            row = min(row + 1, nrow - 1)
        elif a == RIGHT:
            col = min(col + 1, ncol - 1)
        elif a == UP:
            row = max(row - 1, 0)
        return (row, col)

    def update_probability_matrix(row, col, action):
        new_row, new_col = inc(row, col, action)
        new_state = to_s(new_row, new_col)
        new_letter = desc[new_row, new_col]
        terminated = bytes(new_letter) in b"GH"
        reward = reward_schedule[b"GHF".index(new_letter if new_letter in b"GHF" else b"F")]
        return new_state, reward, terminated

    for row in range(nrow):
        for col in range(ncol):
            s = to_s(row, col)
            for a in range(4):
                li = P[s][a]
                letter = desc[row, col]
                if letter in b"GH":
                    li.append((1.0, s, 0, True))
                else:
                    if is_slippery:
                        for b in [(a - 1) % 4, a, (a + 1) % 4]:
                            li.append((success_rate if b == a else fail_rate,
                                       *update_probability_matrix(row, col, b)))
                    else:
                        li.append((1.0, *update_probability_matrix(row, col, a)))
    return P


def cliff_walking(is_slippery):
    shape = (4, 12)
    start = np.ravel_multi_index((3, 0), shape)
    cliff = np.zeros(shape, dtype=bool)
    cliff[3, 1:-1] = True
    mapping = {0: [-1, 0], 1: [0, 1], 2: [1, 0], 3: [0, -1]}

    def limit(coord):
        coord[0] = min(coord[0], shape[0] - 1)
        coord[0] = max(coord[0], 0)
        coord[1] = min(coord[1], shape[1] - 1)
        coord[1] = max(coord[1], 0)
        return coord

    def prob(current, move):
        deltas = ([mapping[move]] if not is_slippery
                  else [mapping[act] for act in [(move - 1) % 4, move, (move + 1) % 4]])
        outcomes = []
        for delta in deltas:
            new_position = limit(np.array(current) + np.array(delta)).astype(int)
            new_state = np.ravel_multi_index(tuple(new_position), shape)
            if cliff[tuple(new_position)]:
                outcomes.append((1 / len(deltas), start, -100, False))
            else:
                outcomes.append((1 / len(deltas), new_state, -1,
                                 tuple(new_position) == (shape[0] - 1, shape[1] - 1)))
        return outcomes

    return {s: {a: prob(np.unravel_index(s, shape), a) for a in range(4)}
            for s in range(int(np.prod(shape)))}


TAXI_MAP = ["+---------+", "|R: | : :G|", "| : | : : |", "| : : : : |", "| | : | : |",
            "|Y| : |B: |", "+---------+"]


def taxi():
    desc = np.asarray(TAXI_MAP, dtype="c")
    locs = [(0, 0), (0, 4), (4, 0), (4, 3)]
    P = {state: {action: [] for action in range(6)} for state in range(500)}
    init = np.zeros(500)

    def encode(r, c, p, d):
        return ((r * 5 + c) * 5 + p) * 4 + d

    for row in range(5):
        for col in range(5):
            for pass_idx in range(5):
                for dest_idx in range(4):
                    state = encode(row, col, pass_idx, dest_idx)
                    if pass_idx < 4 and pass_idx != dest_idx:
                        init[state] += 1
                    for action in range(6):
                        new_row, new_col, new_pass_idx = row, col, pass_idx
                        reward, terminated, taxi_loc = -1, False, (row, col)
                        if action == 0:
                            new_row = min(row + 1, 4)
                        elif action == 1:
                            new_row = max(row - 1, 0)
                        if action == 2 and desc[1 + row, 2 * col + 2] == b":":
                            new_col = min(col + 1, 4)
                        elif action == 3 and desc[1 + row, 2 * col] == b":":
                            new_col = max(col - 1, 0)
                        elif action == 4:
                            if pass_idx < 4 and taxi_loc == locs[pass_idx]:
                                new_pass_idx = 4
                            else:
                                reward = -10
                        elif action == 5:
                            if (taxi_loc == locs[dest_idx]) and pass_idx == 4:
                                new_pass_idx, terminated, reward = dest_idx, True, 20
                            elif (taxi_loc in locs) and pass_idx == 4:
                                new_pass_idx = locs.index(taxi_loc)
                            else:
                                reward = -10
                        P[state][action].append(
                            (1.0, encode(new_row, new_col, new_pass_idx, dest_idx), reward, terminated))
    return P, init / init.sum()


def table(P):
    return [[[[float(p), int(s), float(r), bool(t)] for p, s, r, t in P[s0][a]] for a in sorted(P[s0])]
            for s0 in sorted(P)]


def main():
    taxi_p, taxi_init = taxi()
    out = {"generator": "core/src/test/python/gen_rl_tables.py", "tables": {
        "FrozenLake-4x4-slippery": table(frozen_lake("4x4", True)),
        "FrozenLake-4x4": table(frozen_lake("4x4", False)),
        "FrozenLake-8x8-slippery": table(frozen_lake("8x8", True)),
        "FrozenLake-8x8": table(frozen_lake("8x8", False)),
        "CliffWalking": table(cliff_walking(False)),
        "CliffWalking-slippery": table(cliff_walking(True)),
        "Taxi": table(taxi_p),
    }, "taxi_initial": [float(v) for v in taxi_init]}
    with open(OUT, "w") as f:
        json.dump(out, f)
    print(f"wrote {len(out['tables'])} tables to {OUT}")


if __name__ == "__main__":
    main()
