#!/usr/bin/env python3
"""PyTorch peer of org.vestis.bench.ModelBenchmark: the same CNNs, batch sizes and measurements on the same CPU.

Debian's python3-torch (1.13, OpenBLAS) with 2 threads. Prints `RESULT <name> <images per second>`.
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

import peer_blas  # beside this file

THREADS = int(os.environ.get("PEER_THREADS", "2"))
torch.set_num_threads(THREADS)
# As ModelBundle.output does for ours: an inference call with fewer input values than this runs on one thread, since
# two threads' hand-offs cost more than the second core gains (batch 1 on two threads also varied 370 to 870 images/s
# between 1-second windows of one process, on one thread 850 to 990).
SMALL_BATCH_VALUES = 160_000


def inference_threads(x):
    n = 1 if x.numel() < SMALL_BATCH_VALUES else THREADS
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
QUICK = "--quick" in sys.argv
SECONDS = 4 if QUICK else 15


def warm_up(step, seconds):
    # At least 5 steps and a quarter of the measuring time, as the Java harness does (its JIT needs it).
    start, done = time.perf_counter(), 0
    while done < 5 or time.perf_counter() - start < seconds / 4:
        step()
        done += 1


def seed_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(12 * 12 * 64, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def fashion_cnn():
    # Same topology as Architecture.FASHION_CNN. Its pooling is in SAME mode: 7x7 pools to 4x4 (ceil_mode).
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2),
        *conv_bn_relu(64, 192), nn.MaxPool2d(2, ceil_mode=True), nn.Flatten(),
        nn.Linear(4 * 4 * 192, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.4), nn.Linear(256, 10))


def train_rate(model, batch):
    torch.set_num_threads(THREADS)  # training uses both threads on both sides, whatever the batch
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(batch, 1, 28, 28)
    y = torch.arange(batch) % 10

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    warm_up(step, SECONDS)
    start, images = time.perf_counter(), 0
    while time.perf_counter() - start < SECONDS:
        step()
        images += batch
    return images / (time.perf_counter() - start)


def infer_rate(model, batch, seconds, shape=(1, 28, 28)):
    model.eval()
    x = torch.rand(batch, *shape)
    inference_threads(x)
    with torch.no_grad():
        warm_up(lambda: model(x), seconds)
        start, images = time.perf_counter(), 0
        while time.perf_counter() - start < seconds:
            model(x)
            images += batch
    return images / (time.perf_counter() - start)


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def epoch_rate(data_dir, limit):
    torch.set_num_threads(THREADS)
    start = time.perf_counter()
    images = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)
    labels = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), 8)
    if limit:
        images, labels = images[:limit], labels[:limit]
    x_all = torch.from_numpy(images.astype(np.float32) / 255.0)
    y_all = torch.from_numpy(labels.astype(np.int64))
    model = seed_cnn()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(y_all))
    for i in range(0, len(order), 128):
        idx = order[i:i + 128]
        opt.zero_grad()
        loss_fn(model(x_all[idx]), y_all[idx]).backward()
        opt.step()
    return len(y_all) / (time.perf_counter() - start)


def report(name, rate):
    print(f"RESULT {name} {rate:.1f}", flush=True)


def main():
    print("# peer: " + peer_blas.describe(), flush=True)
    torch.manual_seed(1)
    for name, build in (("seed-cnn", seed_cnn), ("fashion-cnn", fashion_cnn)):
        model = build()
        report(f"{name}-train-b128", train_rate(model, 128))
        report(f"{name}-infer-b256", infer_rate(model, 256, SECONDS))
        report(f"{name}-infer-b1", infer_rate(model, 1, SECONDS / 2))
    import torchvision
    mobilenet = torchvision.models.mobilenet_v2()
    mobilenet.eval()
    for batch in (1, 8):
        report(f"mobilenetv2-224-infer-b{batch}", infer_rate(mobilenet, batch, SECONDS, (3, 224, 224)))
    data_dir = os.environ.get("VESTIS_FASHION_MNIST") or os.path.expanduser("~/.cache/vestis/fashion-mnist")
    report("seed-cnn-epoch", epoch_rate(data_dir, 20_000 if QUICK else 0))  # as ModelBenchmark.QUICK_EPOCH_IMAGES


if __name__ == "__main__":
    main()
