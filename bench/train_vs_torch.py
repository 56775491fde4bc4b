"""Whole-epoch training through the service's public train call, paired with the lean PyTorch loop.

784-256-128-10 (ReLU, softmax cross-entropy, plain SGD at 0.01, float32) on the 60,000 Fashion-MNIST
training images, one whole epoch per call in order (no shuffle; the last mini-batch of an epoch may be
smaller, as in the service). Each pair is one `POST /networks/{id}/train` with the held data set's
`datasetId` and one PyTorch epoch, back to back (the order alternates from pair to pair), so that both
figures of a pair see the same machine. The service's figure is the wall time of the whole HTTP call
as the client sees it.

First, on a service that has trained nothing yet, a fresh network's first epochs at the first batch
size, each paired the same way: the first epoch's pair ratio over the steady pairs' median says how
much the JIT's warm-up costs a user's first call. Last, two train calls at once on two networks at the
first batch size, next to one alone, in turns: what each gets, and the two together over one alone.

    train_vs_torch.py URL DATASET_ID OUT.json [--batches 32,128,512] [--pairs 5] [--first-epochs 5]

Prints one line per batch size and writes every figure to OUT.json.
"""
import argparse
import json
import statistics
import threading
import time
import urllib.request

import torch_loop

ARCHITECTURE = {
    "inputs": 784, "loss": "cross_entropy", "dtype": "float32", "init": {"scheme": "he_uniform", "seed": 1},
    "optimizer": {"type": "sgd", "learningRate": torch_loop.LEARNING_RATE},
    "layers": [{"units": 256, "activation": "relu"}, {"units": 128, "activation": "relu"},
               {"units": 10, "activation": "softmax"}],
}


def post(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


class Service:
    def __init__(self, url, dataset):
        self.url, self.dataset = url.rstrip("/"), dataset

    def network(self):
        return post(f"{self.url}/networks", ARCHITECTURE)["id"]

    def epoch(self, network, batch):
        """Samples per second of one whole-epoch train call, timed around the HTTP exchange."""
        start = time.perf_counter()
        answer = post(f"{self.url}/networks/{network}/train",
                      {"datasetId": self.dataset, "epochs": 1, "batchSize": batch, "shuffle": False})
        seconds = time.perf_counter() - start
        return answer["samples"] / seconds, answer["samplesPerSecond"]


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def paired(service, network, loop, batch, count, flip=True):
    """count pairs (service, torch) of whole-epoch samples/s, alternating which goes first."""
    pairs = []
    for k in range(count):
        if flip and k % 2:
            theirs = loop.epoch(batch)
            ours, inside = service.epoch(network, batch)
        else:
            ours, inside = service.epoch(network, batch)
            theirs = loop.epoch(batch)
        pairs.append({"service": ours, "serviceInside": inside, "torch": theirs, "ratio": ours / theirs})
    return pairs


def concurrent(service, batch, rounds):
    """rounds × (one call alone, then two calls at once on two networks): samples/s of each call."""
    first, second = service.network(), service.network()
    service.epoch(first, batch)
    service.epoch(second, batch)
    alone, together = [], []
    for _ in range(rounds):
        alone.append(service.epoch(first, batch)[0])
        rates = [0.0, 0.0]

        def train(k, network):
            rates[k] = service.epoch(network, batch)[0]

        other = threading.Thread(target=train, args=(1, second))
        other.start()
        train(0, first)
        other.join()
        together.append(rates)
    return alone, together


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("dataset")
    parser.add_argument("out")
    parser.add_argument("--batches", default="32,128,512")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--first-epochs", type=int, default=5)
    parser.add_argument("--concurrent-rounds", type=int, default=3)
    args = parser.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    service = Service(args.url, args.dataset)
    loop = torch_loop.Loop(torch_loop.fashion_mnist())
    results = {"torch": loop.describe(), "training": {}}

    # The service's first training ever: PyTorch is warmed up first so that only the service is cold.
    first_batch = batches[0]
    loop.tune(first_batch)
    loop.epoch(first_batch)
    network = service.network()
    ramp = paired(service, network, loop, first_batch, args.first_epochs, flip=False)
    steady = statistics.median(p["ratio"] for p in ramp[-2:])
    results["firstEpochs"] = {"batch": first_batch, "pairs": ramp, "firstOverSteady": ramp[0]["ratio"] / steady}
    print(f"fresh service, batch {first_batch}: epochs 1-{len(ramp)} at "
          + ", ".join(f"{p['service']:,.0f}" for p in ramp) + " samples/s (PyTorch "
          + ", ".join(f"{p['torch']:,.0f}" for p in ramp) + f"); first epoch {ramp[0]['ratio'] / steady:.2f} × the steady ratio",
          flush=True)

    for batch in batches:
        blas = loop.tune(batch)
        network = service.network()
        paired(service, network, loop, batch, 2)   # warm-up pairs: steady state on both sides
        pairs = paired(service, network, loop, batch, args.pairs)
        ratios = [p["ratio"] for p in pairs]
        entry = {"pairs": pairs, "ratio": spread(ratios), "service": spread([p["service"] for p in pairs]),
                 "torch": spread([p["torch"] for p in pairs]), "torchBlasThreads": blas}
        results["training"][batch] = entry
        print(f"batch {batch}: service {entry['service']['median']:,.0f} samples/s, PyTorch ({blas} BLAS thread(s)) "
              f"{entry['torch']['median']:,.0f}; ratio {entry['ratio']['median']:.2f} × (pairs {min(ratios):.2f}–{max(ratios):.2f})",
              flush=True)
    alone, together = concurrent(service, first_batch, args.concurrent_rounds)
    both = [sum(rates) for rates in together]
    ratios = [b / a for a, b in zip(alone, both)]
    results["concurrent"] = {"batch": first_batch, "alone": alone, "together": together,
                             "togetherOverAlone": spread(ratios)}
    print(f"two train calls at once, batch {first_batch}: each "
          + ", ".join(f"{r[0]:,.0f} / {r[1]:,.0f}" for r in together) + " samples/s, one alone "
          + ", ".join(f"{a:,.0f}" for a in alone) + f"; the two together {statistics.median(ratios):.2f} × one alone "
          + f"(rounds {min(ratios):.2f}–{max(ratios):.2f})", flush=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
