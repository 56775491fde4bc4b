"""The PyTorch side of the benchmark: the identical training loops, on the same data.

784-256-128-10 (ReLU, softmax cross-entropy, plain SGD at 0.01, float32) on Fashion-MNIST
images at one batch size, for each thread setting given; or the 2-2-2 worked example (sigmoid,
½-sum squared error, SGD at 0.5, float64), 10,000 steps. Prints one JSON object.
"""
import gzip
import json
import statistics
import sys
import time

import numpy as np
import torch

DATA = "/usr/share/datasets/fashion-mnist"


def images(rows):
    with gzip.open(f"{DATA}/train-images-idx3-ubyte.gz") as f:
        pixels = np.frombuffer(f.read(), np.uint8, offset=16)[: rows * 784]
    with gzip.open(f"{DATA}/train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:rows]
    return torch.from_numpy(pixels.reshape(rows, 784).astype(np.float32) / 255), torch.from_numpy(labels.astype(np.int64))


def mlp_samples_per_second(batch, x, y, repetitions, seconds):
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, x.shape[0] - batch + 1, batch)]

    def step(k):
        xb, yb = batches[k % len(batches)]
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()

    for k in range(50):
        step(k)
    results = []
    for _ in range(repetitions):
        steps, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            step(steps)
            steps += 1
        results.append(steps * batch / (time.perf_counter() - start))
    return results


def mazur_step_microseconds(repetitions, steps):
    torch.set_default_dtype(torch.float64)
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 2), torch.nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.15, 0.20], [0.25, 0.30]]))
        model[0].bias.fill_(0.35)
        model[2].weight.copy_(torch.tensor([[0.40, 0.45], [0.50, 0.55]]))
        model[2].bias.fill_(0.60)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    x, t = torch.tensor([[0.05, 0.10]]), torch.tensor([[0.01, 0.99]])
    results = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(steps):
            optimizer.zero_grad()
            loss = 0.5 * ((model(x) - t) ** 2).sum()
            loss.backward()
            optimizer.step()
        results.append((time.perf_counter() - start) / steps * 1e6)
    torch.set_default_dtype(torch.float32)
    return results, float(loss)


def summary(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def main():
    """torch_mlp.py mlp THREADS REPETITIONS BATCH  |  torch_mlp.py mazur REPETITIONS"""
    if sys.argv[1] == "mazur":
        torch.set_num_threads(1)
        times, loss = mazur_step_microseconds(int(sys.argv[2]), 10000)
        print(json.dumps({"torch": torch.__version__, "mazur": {"stepMicros": summary(times), "lossAfter10000": loss}}))
        return
    threads = [int(t) for t in sys.argv[2].split(",")]
    repetitions, batch = int(sys.argv[3]), int(sys.argv[4])
    x, y = images(60000)
    per_threads = {}
    for n in threads:
        torch.set_num_threads(n)
        per_threads[str(n)] = summary(mlp_samples_per_second(batch, x, y, repetitions, 3.0))
    print(json.dumps({"torch": torch.__version__, "batch": batch, "threads": per_threads}))


if __name__ == "__main__":
    main()
