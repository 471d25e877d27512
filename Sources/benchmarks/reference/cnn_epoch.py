"""One training epoch of the seed experiment's CNN in NumPy: the reference for the Swift figure.

Same work as `ModelDescription.seedCNN` trained by `TrainingConfiguration.run` for one epoch:
2,000 MNIST training images (docs-src/data/mnist), batches of 32 in a shuffled order, float32,
conv 3x3 "same" (1 -> CHANNELS) via im2col + ReLU -> 2x2 max-pool -> dense 64 + sigmoid -> dense 10,
softmax cross-entropy, AdamW (lr 1e-3, betas 0.9/0.999, eps 1e-8, weight decay 0.01).
Prints "cnn-epoch CHANNELS WALL CPU" (seconds, best of three epochs; CPU is this thread's CPU time, which
a loaded machine inflates less than the wall clock) and "cnn-eval CHANNELS WALL CPU" (forward-only
evaluation of the 10,000 test images in batches of 100, images per second, best of three) for each channel
count given. Run with OPENBLAS_NUM_THREADS=1 for a one-core figure.
"""
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "docs-src", "data", "mnist")


def read_idx(name):
    with open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def epoch(images, labels, channels, rng):
    f32 = np.float32
    n_hidden, n_classes, batch = 64, 10, 32
    params = [
        (rng.standard_normal((channels, 9)) * np.sqrt(2 / 9)).astype(f32), np.zeros(channels, f32),
        rng.uniform(-1, 1, (n_hidden, 14 * 14 * channels)).astype(f32) * f32(np.sqrt(6 / (14 * 14 * channels + n_hidden))),
        np.zeros(n_hidden, f32),
        rng.uniform(-1, 1, (n_classes, n_hidden)).astype(f32) * f32(np.sqrt(6 / (n_hidden + n_classes))),
        np.zeros(n_classes, f32),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps, wd = 1e-3, 0.9, 0.999, 1e-8, 0.01
    order = rng.permutation(len(images))
    start, cpu = time.perf_counter(), time.thread_time()
    for step, s in enumerate(range(0, len(images), batch), 1):
        idx = order[s:s + batch]
        x = images[idx]                                   # N x 28 x 28
        y = labels[idx]
        nb = len(idx)
        padded = np.pad(x, ((0, 0), (1, 1), (1, 1)))
        cols = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2)).reshape(nb * 784, 9)
        wc, bc, w1, bias1, w2, bias2 = params
        pre = cols @ wc.T + bc                            # (N*784) x C
        act = np.maximum(pre, 0).reshape(nb, 14, 2, 14, 2, channels)
        pooled = act.max(axis=(2, 4))                     # N x 14 x 14 x C
        mask = act == pooled[:, :, None, :, None, :]
        flat = pooled.reshape(nb, -1)
        z1 = flat @ w1.T + bias1
        a1 = 1 / (1 + np.exp(-z1))
        z2 = a1 @ w2.T + bias2
        z2 = z2 - z2.max(axis=1, keepdims=True)
        p = np.exp(z2)
        p /= p.sum(axis=1, keepdims=True)
        dz2 = p
        dz2[np.arange(nb), y] -= 1
        dz2 /= nb
        grads = [None] * 6
        grads[4] = dz2.T @ a1
        grads[5] = dz2.sum(axis=0)
        dz1 = (dz2 @ w2) * a1 * (1 - a1)
        grads[2] = dz1.T @ flat
        grads[3] = dz1.sum(axis=0)
        dpool = (dz1 @ w1).reshape(nb, 14, 1, 14, 1, channels)
        dact = (mask * dpool).reshape(nb * 784, channels) * (pre > 0)
        grads[0] = dact.T @ cols
        grads[1] = dact.sum(axis=0)
        for i, g in enumerate(grads):
            params[i] *= f32(1 - lr * wd)
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            denom = np.sqrt(v[i]) / np.sqrt(1 - b2 ** step) + eps
            params[i] -= (lr / (1 - b1 ** step)) * m[i] / denom
    return time.perf_counter() - start, time.thread_time() - cpu, params


def forward_logits(x, params, channels):
    """The forward pass alone (what evaluation runs): logits of a batch of N x 28 x 28 images."""
    wc, bc, w1, bias1, w2, bias2 = params
    nb = len(x)
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1)))
    cols = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2)).reshape(nb * 784, 9)
    act = np.maximum(cols @ wc.T + bc, 0).reshape(nb, 14, 2, 14, 2, channels)
    flat = act.max(axis=(2, 4)).reshape(nb, -1)
    a1 = 1 / (1 + np.exp(-(flat @ w1.T + bias1)))
    return a1 @ w2.T + bias2


def evaluate(images, labels, params, channels):
    start, cpu = time.perf_counter(), time.thread_time()
    correct = 0
    for s in range(0, len(images), 100):
        z = forward_logits(images[s:s + 100], params, channels)
        correct += int((z.argmax(axis=1) == labels[s:s + 100]).sum())
    return time.perf_counter() - start, time.thread_time() - cpu


def main():
    images = (read_idx("train-images-idx3-ubyte").astype(np.float32) / 255)
    labels = read_idx("train-labels-idx1-ubyte").astype(np.int64)
    test_images = (read_idx("test-images-idx3-ubyte").astype(np.float32) / 255)
    test_labels = read_idx("test-labels-idx1-ubyte").astype(np.int64)
    for channels in [int(c) for c in (sys.argv[1:] or ["8", "16"])]:
        rng = np.random.default_rng(1)
        runs = [epoch(images, labels, channels, rng) for _ in range(3)]
        print(f"cnn-epoch {channels} {min(r[0] for r in runs):.4f} {min(r[1] for r in runs):.4f}")
        evaluations = [evaluate(test_images, test_labels, runs[-1][2], channels) for _ in range(3)]
        count = len(test_images)
        print(f"cnn-eval {channels} {count / min(e[0] for e in evaluations):.1f} {count / max(min(e[1] for e in evaluations), 1e-9):.1f}")


if __name__ == "__main__":
    main()
