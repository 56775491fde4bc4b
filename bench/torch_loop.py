"""The lean PyTorch training loop every benchmark compares against, set up as fast as this machine allows.

784-256-128-10 (ReLU, softmax cross-entropy on the logits, plain SGD, float32) on Fashion-MNIST held as
tensors. Per step only forward, loss, zero_grad, backward and the update run, the loop of
../shared/bench/torch_mlp_reference.py, with gradients released rather than zero-filled
(``zero_grad(set_to_none=True)``, PyTorch 2's default), so backward writes them instead of adding into zeros.

Threads: PyTorch's own intra-op threads stay at one (OpenMP threads that spin between the small
element-wise ops only take the core from the BLAS). Debian's PyTorch calls the system OpenBLAS, whose
thread pool ``torch.set_num_threads`` does not reach: it keeps one thread per core unless told, so the
BLAS threads are set here directly (``openblas_set_num_threads``) and :meth:`Loop.tune` picks, per batch
size, whichever of one or two BLAS threads is faster right now.
"""
import ctypes
import ctypes.util
import gzip
import statistics
import time

import numpy as np
import torch

DATA = "/usr/share/datasets/fashion-mnist"
LEARNING_RATE = 0.01


def fashion_mnist(rows=60000):
    """The first rows training images scaled to [0, 1] (float32) and their labels (int64)."""
    with gzip.open(f"{DATA}/train-images-idx3-ubyte.gz") as f:
        pixels = np.frombuffer(f.read(), np.uint8, offset=16)[: rows * 784]
    with gzip.open(f"{DATA}/train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:rows]
    return torch.from_numpy(pixels.reshape(rows, 784).astype(np.float32) / 255), torch.from_numpy(labels.astype(np.int64))


def _openblas():
    """The OpenBLAS PyTorch calls, when it calls one (Debian's build does), else None."""
    for name in ("libopenblas.so.0", ctypes.util.find_library("openblas")):
        try:
            library = ctypes.CDLL(name)
            library.openblas_set_num_threads  # noqa: B018: the symbol must exist
            return library
        except (OSError, TypeError, AttributeError):
            continue
    return None


class Loop:
    """One model per batch size, trained on the data in order, a step at a time or an epoch at a time."""

    def __init__(self, data):
        self.x, self.y = data
        self.blas = _openblas()
        self.blas_threads = 1
        self.models = {}
        torch.set_num_threads(1)
        self.set_blas_threads(1)

    def set_blas_threads(self, threads):
        self.blas_threads = threads
        if self.blas is not None:
            self.blas.openblas_set_num_threads(threads)
        else:
            torch.set_num_threads(threads)

    def describe(self):
        config = None
        if self.blas is not None:
            self.blas.openblas_get_config.restype = ctypes.c_char_p
            self.blas.openblas_get_corename.restype = ctypes.c_char_p
            config = f"{self.blas.openblas_get_config().decode()} ({self.blas.openblas_get_corename().decode()})"
        return {"torch": torch.__version__, "blas": config, "intraOpThreads": torch.get_num_threads()}

    def model(self, batch):
        if batch not in self.models:
            torch.manual_seed(1)
            net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                      torch.nn.Linear(128, 10))
            self.models[batch] = (net, torch.optim.SGD(net.parameters(), lr=LEARNING_RATE), torch.nn.CrossEntropyLoss())
        return self.models[batch]

    def run(self, batch, first, rows):
        """Samples per second of the steps over rows first … first + rows − 1, in mini-batches of batch."""
        net, optimizer, loss_fn = self.model(batch)
        x, y = self.x, self.y
        end = first + rows
        start = time.perf_counter()
        for i in range(first, end, batch):
            loss = loss_fn(net(x[i:min(i + batch, end)]), y[i:min(i + batch, end)])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        return rows / (time.perf_counter() - start)

    def epoch(self, batch):
        """Samples per second of one whole epoch over every row, in order."""
        return self.run(batch, 0, self.x.shape[0])

    def tune(self, batch, windows=5, rows=10240):
        """Sets and returns whichever of one or two BLAS threads trains faster at this batch size, by
        the median of windows interleaved windows of rows samples each."""
        choices = (1, 2)
        rates = {threads: [] for threads in choices}
        rows = max(rows // batch, 1) * batch
        self.run(batch, 0, rows)
        for _ in range(windows):
            for threads in choices:
                self.set_blas_threads(threads)
                rates[threads].append(self.run(batch, 0, rows))
        best = max(choices, key=lambda threads: statistics.median(rates[threads]))
        self.set_blas_threads(best)
        return best
