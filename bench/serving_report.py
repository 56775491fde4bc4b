"""The serving benchmark's table (bench/serving.sh): HTTP inference against the no-op, and the engine's forward pass against ONNX Runtime."""
import json
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1])


def millis(text):
    number = float(text.rstrip("umsµ"))
    return number / 1000 if text.endswith("us") else number * 1000 if text.endswith("s") and not text.endswith("ms") else number


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def fmt(s, digits=0):
    return " / ".join(f"{v:,.{digits}f}" for v in (s["min"], s["median"], s["max"]))


runs = [line.split() for line in (OUT / "wrk-serving.txt").read_text().splitlines()]
results = {"http": {}, "forward": {}}
rows = ["| figure | service (min / median / max) | baseline | ratio (median of neighbouring pairs) |", "|---|---|---|---|"]
targets = {"binary": "OIP infer, binary tensors", "json": "OIP infer, JSON", "predict": "/networks/{id}/predict"}
for target, label in targets.items():
    pairs, rps, p50, p99, noop = [], [], [], [], []
    for i, (name, r, p5, p9) in enumerate(runs):
        if name != target:
            continue
        after = next(float(n[1]) for n in runs[i + 1:] if n[0] == "noop")   # the no-op run that follows it
        pairs.append(float(r) / after)
        rps.append(float(r))
        p50.append(millis(p5))
        p99.append(millis(p9))
        noop.append(after)
    results["http"][target] = {"rps": spread(rps), "noopRps": spread(noop), "p50Millis": spread(p50), "p99Millis": spread(p99),
                               "pairRatios": pairs, "ratio": statistics.median(pairs)}
    rows.append(f"| {label}, 784-128-10, 1 sample, 16 clients: req/s | {fmt(spread(rps))} (p50 {statistics.median(p50):.2f} ms, "
                f"p99 {statistics.median(p99):.2f} ms) | no-op: {fmt(spread(noop))} | {statistics.median(pairs):.2f} × "
                f"(pairs: {min(pairs):.2f}–{max(pairs):.2f}) |")

micros = {}
for path in sorted(OUT.glob("jmh-onnx-*.json"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
    for entry in json.loads(path.read_text()):
        name = entry["benchmark"].rsplit(".", 1)[1]
        raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
        micros.setdefault((name, int(entry["params"]["batch"])), []).append(statistics.median(raw))
for batch in (1, 512):
    engine = [batch / (t * 1e-6) for t in micros[("engine", batch)]]
    onnx = [batch / (t * 1e-6) for t in micros[("onnxRuntime", batch)]]
    pairs = [e / o for e, o in zip(engine, onnx)]
    results["forward"][batch] = {"engineRowsPerSecond": spread(engine), "onnxRuntimeRowsPerSecond": spread(onnx),
                                 "pairRatios": pairs, "ratio": statistics.median(pairs)}
    rows.append(f"| forward pass 784-256-128-10 float32, batch {batch}: rows/s | {fmt(spread(engine))} | ONNX Runtime: "
                f"{fmt(spread(onnx))} | {statistics.median(pairs):.2f} × (pairs: {min(pairs):.2f}–{max(pairs):.2f}) |")
(OUT / "serving.json").write_text(json.dumps(results, indent=2))
print("\n".join(rows))
