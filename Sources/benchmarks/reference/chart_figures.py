"""matplotlib's time for the charts benchmark's work: the same 12 figures (1 row x 5 layers of 30-bin histograms
over 100,000 values each), binned and written as SVG to memory. Prints "matplotlib SECONDS" (best of three), or
exits 1 when matplotlib is not installed."""
import io
import sys
import time

try:
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    import numpy as np
except ImportError:
    sys.exit(1)

FIGURES, LAYERS, COUNT = 12, 5, 100_000
i = np.arange(COUNT, dtype=np.float64)
data = [[np.tanh(np.sin(i * 0.618 + f) * 2 / (l + 1)).astype(np.float32) for l in range(LAYERS)] for f in range(FIGURES)]


def draw():
    for f in range(FIGURES):
        fig, axes = plt.subplots(1, LAYERS, figsize=(10, 2), sharey=True)
        for l, ax in enumerate(axes):
            ax.hist(data[f][l], bins=30, range=(-1, 1))
            ax.set_title(f"layer {l + 1}")
        fig.savefig(io.StringIO(), format="svg")
        plt.close(fig)


best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    draw()
    best = min(best, time.perf_counter() - start)
print(f"matplotlib {best:.4f}")
