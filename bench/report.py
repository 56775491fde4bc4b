"""Assembles the benchmark's pieces (JMH, PyTorch, HTTP, memory) into one table and results.json."""
import json
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1])
WEIGHTS = 784 * 256 + 256 * 128 + 128 * 10
# Forward (2·W), ∂L/∂W (2·W) and ∂L/∂a = δ·W for every layer but the first (nothing needs ∂L/∂a₀): 1.007 MFLOP.
FLOP_PER_SAMPLE = 2 * WEIGHTS * 2 + 2 * (256 * 128 + 128 * 10)
PEAK_FLOP = 2 * 1024 ** 3                                                 # one sgemm of two 1024 × 1024 matrices


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def fmt(s, digits=0, scale=1.0):
    return " / ".join(f"{v * scale:,.{digits}f}" for v in (s["min"], s["median"], s["max"]))


def millis(text):
    number = float(text.rstrip("umsµ"))
    return number / 1000 if text.endswith("us") else number * 1000 if text.endswith("s") and not text.endswith("ms") else number


def jmh_runs(pattern):
    """(benchmark, batch) → one figure per repetition, in repetition order."""
    runs = {}
    for path in sorted(OUT.glob(pattern), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        for entry in json.loads(path.read_text()):
            name = entry["benchmark"].rsplit(".", 1)[1]
            raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
            runs.setdefault((name, int(entry["params"]["batch"])), []).append(statistics.median(raw))
    return runs


def torch_runs(pattern):
    return [json.loads(path.read_text()) for path in sorted(OUT.glob(pattern), key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


jmh = jmh_runs("jmh-rest-*.json")
for batch in (32, 128, 512):
    jmh.update(jmh_runs(f"jmh-mlp-{batch}-*.json"))
torch = {"mlp": {}, "mazur": {"stepMicros": spread([run["mazur"]["stepMicros"]["median"] for run in torch_runs("torch-mazur-*.json")])}}
for batch in (32, 128, 512):
    runs = torch_runs(f"torch-mlp-{batch}-*.json")
    per_threads = {n: [run["threads"][n]["median"] for run in runs] for n in runs[0]["threads"]}
    best = max(per_threads, key=lambda n: statistics.median(per_threads[n]))
    torch["mlp"][batch] = {"threads": {n: spread(v) for n, v in per_threads.items()}, "bestThreads": int(best),
                           "best": spread(per_threads[best]), "bestRuns": per_threads[best]}
train10000 = [float(line) for line in (OUT / "train10000.txt").read_text().split()]
wrk = {}
for line in (OUT / "wrk.txt").read_text().splitlines():
    target, c, rps, p50, p99 = line.split()
    wrk.setdefault((target, int(c)), []).append((float(rps), millis(p50), millis(p99)))
memory = json.loads((OUT / "memory.json").read_text())

peak = spread([PEAK_FLOP / (t * 1e-6) / 1e9 for batch in (32, 128, 512) for t in jmh[("sgemmPeak", batch)]])
results = {"sgemmPeakGflops": peak, "training": {}, "mazur": {}, "http": {}, "memory": {}}
rows = ["| figure | service (min / median / max) | baseline | ratio |", "|---|---|---|---|"]
for batch in (32, 128, 512):
    step_us = jmh[("mlpStep", batch)]
    samples = spread([batch / (t * 1e-6) for t in step_us])
    gflops = spread([FLOP_PER_SAMPLE * batch / (t * 1e-6) / 1e9 for t in step_us])
    step_sgemm = spread([FLOP_PER_SAMPLE * batch / (t * 1e-6) / 1e9 for t in jmh[("sgemmOfStep", batch)]])
    best = torch["mlp"][batch]
    pairs = [batch / (t * 1e-6) / theirs for t, theirs in zip(step_us, best["bestRuns"])]   # neighbours in time
    ratio = statistics.median(pairs)
    share = gflops["median"] / peak["median"]
    results["training"][batch] = {"samplesPerSecond": samples, "gflops": gflops, "sgemmOfStepGflops": step_sgemm,
                                  "shareOfPeak": share, "torch": best, "pairRatios": pairs, "ratioToTorch": ratio}
    rows.append(f"| training, batch {batch}: samples/s | {fmt(samples)} | PyTorch {best['bestThreads']} thread(s): "
                f"{fmt(best['best'])} | {ratio:.2f} × (pairs: {min(pairs):.2f}–{max(pairs):.2f}) |")
    rows.append(f"| training, batch {batch}: GFLOP/s (1.007 MFLOP per sample) | {fmt(gflops, 1)} | sgemm peak (1024²): "
                f"{fmt(peak, 1)} GFLOP/s; the step's own sgemm calls alone: {fmt(step_sgemm, 1)} | {share * 100:.0f} % of peak |")
mazur = spread(jmh[("mazurStep", 32)])
torch_mazur = torch["mazur"]["stepMicros"]
results["mazur"] = {"stepMicros": mazur, "torchStepMicros": torch_mazur, "trainCall10000Seconds": spread(train10000)}
rows.append(f"| 2-2-2 step, in process: µs | {fmt(mazur, 1)} | PyTorch: {fmt(torch_mazur, 1)} µs | "
            f"{torch_mazur['median'] / mazur['median']:.2f} × as fast |")
rows.append(f"| 2-2-2, 10,000-step train call over HTTP: s | {fmt(spread(train10000), 3)} | target < 1 s | |")
for c in (1, 16, 64):
    predict, noop = wrk[("predict", c)], wrk[("noop", c)]
    rps, base = spread([r[0] for r in predict]), spread([r[0] for r in noop])
    p50, p99 = spread([r[1] for r in predict]), spread([r[2] for r in predict])
    results["http"][c] = {"predictRps": rps, "noopRps": base, "p50Millis": p50, "p99Millis": p99}
    rows.append(f"| predict 784-128-10, 1 sample, concurrency {c}: req/s | {fmt(rps)} (p50 {p50['median']:.2f} ms, "
                f"p99 {p99['median']:.2f} ms) | no-op (/actuator/health/ping): {fmt(base)} | {rps['median'] / base['median']:.2f} × |")
paired_path = OUT / "train-vs-torch.json"
if paired_path.exists():
    paired = json.loads(paired_path.read_text())
    results["trainCall"] = paired
    for batch, entry in paired["training"].items():
        r = entry["ratio"]
        rows.append(f"| train call, one Fashion-MNIST epoch, batch {batch}: samples/s | {fmt(entry['service'])} | PyTorch "
                    f"({entry['torchBlasThreads']} BLAS thread(s)): {fmt(entry['torch'])} | {r['median']:.2f} × "
                    f"(pairs: {r['min']:.2f}–{r['max']:.2f}) |")
    first = paired["firstEpochs"]
    rows.append(f"| first train call of a fresh service, batch {first['batch']}: samples/s | "
                f"{first['pairs'][0]['service']:,.0f} | its pair ratio over the steady pairs' | {first['firstOverSteady']:.2f} × |")
    if "concurrent" in paired:
        both = paired["concurrent"]
        r = both["togetherOverAlone"]
        rows.append(f"| two train calls at once, batch {both['batch']}: samples/s of the two together | "
                    f"{fmt(spread([sum(rates) for rates in both['together']]))} | one alone: {fmt(spread(both['alone']))} | "
                    f"{r['median']:.2f} × (rounds: {r['min']:.2f}–{r['max']:.2f}) |")
per_network = (memory["rssAfter"] - memory["rssBefore"]) / memory["networks"]
results["memory"] = {"rssBefore": memory["rssBefore"], "rssAfter": memory["rssAfter"], "rssPerNetwork": per_network}
rows.append(f"| memory: RSS with 1,000 2-2-2 networks held | {memory['rssAfter'] / 2**20:,.0f} MiB "
            f"({per_network / 1024:,.1f} KiB per network) | before: {memory['rssBefore'] / 2**20:,.0f} MiB | |")
(OUT / "results.json").write_text(json.dumps(results, indent=2))
print("\n".join(rows))
