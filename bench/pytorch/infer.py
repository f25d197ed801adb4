#!/usr/bin/python3
"""MLP inference (784-256-128-10, ReLU) on the Fashion-MNIST test set in PyTorch, in every thread
configuration, for comparison with bench/src/main/java/dev/dendrite/bench/jmh/InferenceBenchmark.java.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pytorch/infer.py

For each batch size, torch thread count and mode (no_grad, inference_mode), runs the whole test
set 7 times after 3 warm-up passes and prints one JSON line with the median samples per second.
"""
import json
import statistics
import time

import torch

import fashion


def main():
    torch.manual_seed(1)
    xte, _ = fashion.load(False)
    xte = torch.from_numpy(xte.reshape(-1, 784)).contiguous()
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10)).eval()
    n = xte.shape[0]
    for batch in (64, 1000):
        for threads in (1, 2):
            torch.set_num_threads(threads)
            for mode in ("no_grad", "inference_mode"):
                ctx = torch.no_grad if mode == "no_grad" else torch.inference_mode
                rates = []
                with ctx():
                    for rep in range(10):
                        t0 = time.perf_counter()
                        for i in range(0, n, batch):
                            model(xte[i:i + batch])
                        if rep >= 3:
                            rates.append(n / (time.perf_counter() - t0))
                print(json.dumps({"bench": "mlp-infer", "impl": "pytorch", "torch": torch.__version__,
                                  "batch": batch, "threads": threads, "mode": mode,
                                  "samples_per_s": round(statistics.median(rates), 1)}), flush=True)


if __name__ == "__main__":
    main()
