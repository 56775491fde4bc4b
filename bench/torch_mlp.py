"""The PyTorch side of the benchmark: the identical training loops, on the same data.

784-256-128-10 (ReLU, softmax cross-entropy, plain SGD at 0.01, float32) on Fashion-MNIST
images at one batch size, in the lean loop of torch_loop.py, for each BLAS thread count given; or
the 2-2-2 worked example (sigmoid, ½-sum squared error, SGD at 0.5, float64), 10,000 steps.
Prints one JSON object.
"""
import json
import statistics
import sys
import time

import torch

import torch_loop

CHUNK = 8   # steps between looks at the clock


def mlp_samples_per_second(loop, batch, repetitions, seconds):
    """Samples per second of the lean loop's steps over the data in order, in windows of seconds."""
    rows = CHUNK * batch
    last = loop.x.shape[0] - rows
    loop.run(batch, 0, 50 * batch)
    results = []
    for _ in range(repetitions):
        samples, first, start = 0, 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            loop.run(batch, first, rows)
            samples += rows
            first = first + rows if first + rows <= last else 0
        results.append(samples / (time.perf_counter() - start))
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
            optimizer.zero_grad(set_to_none=True)
            loss = 0.5 * ((model(x) - t) ** 2).sum()
            loss.backward()
            optimizer.step()
        results.append((time.perf_counter() - start) / steps * 1e6)
    torch.set_default_dtype(torch.float32)
    return results, float(loss)


def summary(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def main():
    """torch_mlp.py mlp BLAS_THREADS REPETITIONS BATCH  |  torch_mlp.py mazur REPETITIONS"""
    if sys.argv[1] == "mazur":
        torch.set_num_threads(1)
        times, loss = mazur_step_microseconds(int(sys.argv[2]), 10000)
        print(json.dumps({"torch": torch.__version__, "mazur": {"stepMicros": summary(times), "lossAfter10000": loss}}))
        return
    threads = [int(t) for t in sys.argv[2].split(",")]
    repetitions, batch = int(sys.argv[3]), int(sys.argv[4])
    loop = torch_loop.Loop(torch_loop.fashion_mnist())
    per_threads = {}
    for n in threads:
        loop.set_blas_threads(n)
        per_threads[str(n)] = summary(mlp_samples_per_second(loop, batch, repetitions, 3.0))
    print(json.dumps({**loop.describe(), "batch": batch, "threads": per_threads}))


if __name__ == "__main__":
    main()
