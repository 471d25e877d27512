"""numpy reference for the Numerics benchmark (Sources/benchmarks/NumericsBenchmark.swift).

Does in-process, in float32, the same work as the Swift side and prints its own timings:
  product NAME GFLOPS              -> one line per product shape given as arguments NAME:M:K:N:LAYOUT
                                      (LAYOUT ab, aTb or abT: which operand is stored transposed)
  seed-grid SECONDS                 -> the seed experiment grid, best of several runs

The seed grid: input 1000x100 standard normal, 5 dense layers of 100 (no bias), initializers
{N(0,1), N(0,0.01^2), Xavier normal, He normal} x activations {sigmoid, tanh, relu}; per layer, for the
pre-activations and the activations: mean, std, min, max, fraction zero, fraction saturated (within
0.01 of an asymptote, for sigmoid and tanh), NaN and infinity counts, and a 30-bin histogram over the
finite range with underflow and overflow counts -- the statistics ForwardProbe records.
Run with OPENBLAS_NUM_THREADS=1 for the single-thread product figures.
"""
import sys
import time

import numpy as np

def shapes():
    """The product shapes from the command line (the Swift benchmark's list)."""
    result = []
    for argument in sys.argv[1:]:
        if argument.count(":") == 4:
            name, m, k, n, layout = argument.split(":")
            result.append((name, int(m), int(k), int(n), layout))
    return result


def best(repeats, fn):
    fastest = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def products():
    rng = np.random.default_rng(1)
    for name, m, k, n, layout in shapes():
        # Stored as the Swift side stores them; .T is a view, so BLAS gets the transposed flag, not a copy.
        a = rng.standard_normal((k, m) if layout == "aTb" else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if layout == "abT" else (k, n), dtype=np.float32)
        op_a = a.T if layout == "aTb" else a
        op_b = b.T if layout == "abT" else b
        c = np.empty((m, n), dtype=np.float32)
        flops = 2.0 * m * n * k
        repeats = max(3, min(200, int(2e10 / flops)))
        seconds = best(repeats, lambda: np.matmul(op_a, op_b, out=c))
        print(f"product {name} {flops / seconds / 1e9:.2f}")


def statistics(values, bins, asymptotes):
    finite = np.isfinite(values)
    nan_count = int(np.isnan(values).sum())
    inf_count = int(values.size - finite.sum() - nan_count)
    v = values[finite] if not finite.all() else values.ravel()
    v64 = v.astype(np.float64)
    mean = v64.mean()
    std = v64.std()
    low, high = float(v.min()), float(v.max())
    zero = float((v == 0).mean())
    saturated = None
    if asymptotes:
        near = np.zeros(v.shape, dtype=bool)
        for a in asymptotes:
            near |= np.abs(v64 - a) <= 0.01
        saturated = float(near.mean())
    counts, _ = np.histogram(v, bins=bins, range=(low, high) if low < high else (low - 0.5, high + 0.5))
    underflow = int((v < low).sum())
    overflow = int((v > high).sum())
    return mean, std, low, high, zero, saturated, nan_count, inf_count, counts, underflow, overflow


def seed_grid():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1000, 100), dtype=np.float32)
    inits = {
        "std 1": lambda n_in, n_out: rng.standard_normal((n_in, n_out), dtype=np.float32),
        "std 0.01": lambda n_in, n_out: rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(0.01),
        "xavier": lambda n_in, n_out: rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(np.sqrt(2 / (n_in + n_out))),
        "he": lambda n_in, n_out: rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(np.sqrt(2 / n_in)),
    }
    activations = {
        "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), [0.0, 1.0]),
        "tanh": (np.tanh, [-1.0, 1.0]),
        "relu": (lambda z: np.maximum(z, 0), []),
    }
    results = []
    for init in inits.values():
        for phi, asymptotes in activations.values():
            h = x
            for _ in range(5):
                w = init(100, 100)
                z = h @ w
                h = phi(z).astype(np.float32)
                results.append((statistics(z, 30, []), statistics(h, 30, asymptotes)))
    return results


def main():
    if "--products-only" not in sys.argv:
        seed_grid()  # warm-up
        seconds = best(5, seed_grid)
        print(f"seed-grid {seconds:.6f}")
    if "--grid-only" not in sys.argv:
        products()


if __name__ == "__main__":
    main()
