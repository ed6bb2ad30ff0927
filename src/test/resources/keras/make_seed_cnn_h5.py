#!/usr/bin/python3
"""Writes the Keras 2.x HDF5 fixtures for `vestis import keras` and their numpy oracle.

Needs only h5py and numpy (no TensorFlow): the files are laid out exactly as Keras 2.11's
`model.save('x.h5')` lays out a Sequential model (root attributes model_config, keras_version, backend,
training_config; group model_weights with layer_names, one group per layer with weight_names and the datasets
<layer>/<layer>/kernel:0 and bias:0), with seeded random weights.

    /usr/bin/python3 src/test/resources/keras/make_seed_cnn_h5.py            # rewrite the committed fixtures
    /usr/bin/python3 src/test/resources/keras/make_seed_cnn_h5.py --full DIR # also the seeds' full-size CNN in DIR

The topology is the seed projects' CNN (Conv2D 3x3 ReLU, Conv2D 3x3 ReLU, MaxPooling2D 2x2, Flatten, Dense ReLU,
Dropout 0.5, Dense 10 softmax, input 28x28x1). The committed one is narrower (8 and 16 filters, dense 32: 300 KB);
seed_cnn_functional.h5 is the same topology, narrower still (4 and 8 filters, dense 16), written as a functional
Model; --full writes the seeds' widths (32 and 64 filters, dense 128: 4.8 MB) as a Sequential model.

The oracle is a plain numpy forward pass (channels_last, valid padding, flatten in HWC order, as Keras computes it)
of the first ORACLE_IMAGES test images of ../fashion-mnist-sample scaled to [0, 1], written to
<name>.oracle.csv (one row per image: its index, then the 10 probabilities).
"""
import gzip
import json
import os
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS_VERSION = "2.11.0"
ORACLE_IMAGES = 8
SEED = 20240505


def initializer(name):
    return {"class_name": name, "config": {"seed": None} if name == "GlorotUniform" else {}}


def conv(name, filters, first):
    config = {"name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [3, 3],
              "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
              "groups": 1, "activation": "relu", "use_bias": True,
              "kernel_initializer": initializer("GlorotUniform"), "bias_initializer": initializer("Zeros"),
              "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
              "kernel_constraint": None, "bias_constraint": None}
    if first:
        config = {"name": name, "trainable": True, "batch_input_shape": [None, 28, 28, 1], **{k: v for k, v in config.items() if k not in ("name", "trainable")}}
    return {"class_name": "Conv2D", "config": config}


def dense(name, units, activation):
    return {"class_name": "Dense", "config": {
        "name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": initializer("GlorotUniform"), "bias_initializer": initializer("Zeros"),
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}}


def model_config(f1, f2, units, extra_layer=None):
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 28, 28, 1], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "conv2d_input"}},
        conv("conv2d", f1, True),
        conv("conv2d_1", f2, False),
        {"class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": "float32",
                                                  "pool_size": [2, 2], "padding": "valid", "strides": [2, 2],
                                                  "data_format": "channels_last"}},
        {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32",
                                             "data_format": "channels_last"}},
        dense("dense", units, "relu"),
        {"class_name": "Dropout", "config": {"name": "dropout", "trainable": True, "dtype": "float32", "rate": 0.5,
                                             "noise_shape": None, "seed": None}},
        dense("dense_1", 10, "softmax"),
    ]
    if extra_layer is not None:
        layers.insert(5, extra_layer)
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}


def functional_config(f1, f2, units):
    """The same network written with Keras' functional API (class_name Functional, inbound_nodes)."""
    layers = model_config(f1, f2, units)["config"]["layers"]
    layers[0]["config"]["name"] = "input_1"
    del layers[1]["config"]["batch_input_shape"]
    previous = None
    for layer in layers:
        layer["name"] = layer["config"]["name"]
        layer["inbound_nodes"] = [] if previous is None else [[[previous, 0, 0, {}]]]
        previous = layer["name"]
    return {"class_name": "Functional", "config": {"name": "model", "layers": layers,
                                                   "input_layers": [["input_1", 0, 0]],
                                                   "output_layers": [[previous, 0, 0]]}}


TRAINING_CONFIG = {"loss": "sparse_categorical_crossentropy", "metrics": [[{"class_name": "MeanMetricWrapper", "config": {
    "name": "accuracy", "dtype": "float32", "fn": "sparse_categorical_accuracy"}}]], "weighted_metrics": None,
    "loss_weights": None, "optimizer_config": {"class_name": "Adam", "config": {
        "name": "Adam", "learning_rate": 0.001, "decay": 0.0, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07,
        "amsgrad": False}}}


def weights(f1, f2, units, seed):
    """Glorot-uniform kernels (Keras' shapes: conv [kh, kw, in, out], dense [in, out]) and small random biases."""
    rng = np.random.default_rng(seed)

    def glorot(shape, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape).astype(np.float32)

    flat = 12 * 12 * f2
    return {
        "conv2d": [glorot((3, 3, 1, f1), 9, 9 * f1), rng.uniform(-0.1, 0.1, f1).astype(np.float32)],
        "conv2d_1": [glorot((3, 3, f1, f2), 9 * f1, 9 * f2), rng.uniform(-0.1, 0.1, f2).astype(np.float32)],
        "dense": [glorot((flat, units), flat, units), rng.uniform(-0.1, 0.1, units).astype(np.float32)],
        # Scaled up so that the softmax is not flat: the oracle then tells a wrong order of features apart.
        "dense_1": [3 * glorot((units, 10), units, 10), rng.uniform(-0.1, 0.1, 10).astype(np.float32)],
    }


def write_model(path, config, w, with_config=True, layer_names=None):
    layer_names = layer_names or ["conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense", "dropout", "dense_1"]
    with h5py.File(path, "w") as f:
        if with_config:
            f.attrs["backend"] = "tensorflow"
            f.attrs["keras_version"] = KERAS_VERSION
            f.attrs["model_config"] = json.dumps(config)
            f.attrs["training_config"] = json.dumps(TRAINING_CONFIG)
            g = f.create_group("model_weights")
        else:
            g = f  # model.save_weights('x.h5'): the weights at the root, no model_config
        g.attrs["backend"] = "tensorflow"
        g.attrs["keras_version"] = KERAS_VERSION
        g.attrs["layer_names"] = np.array([n.encode("utf8") for n in layer_names])
        for name in layer_names:
            lg = g.create_group(name)
            if name in w:
                kernel, bias = w[name]
                names = [f"{name}/kernel:0", f"{name}/bias:0"]
                lg.attrs["weight_names"] = np.array([n.encode("utf8") for n in names])
                lg.create_dataset(names[0], data=kernel)
                lg.create_dataset(names[1], data=bias)
            else:
                lg.attrs["weight_names"] = np.array([], dtype="S1")


def read_test_images(n):
    with gzip.open(os.path.join(HERE, "..", "fashion-mnist-sample", "t10k-images-idx3-ubyte.gz"), "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    assert (rows, cols) == (28, 28) and count >= n
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16, count=n * rows * cols)
    return pixels.reshape(n, rows, cols, 1).astype(np.float32) / 255.0


def forward(x, w):
    """Keras' inference: NHWC, valid 3x3 convolutions, 2x2 max-pool, flatten in HWC order, no dropout."""
    def conv2d(x, kernel, bias):
        n, h, wd, _ = x.shape
        kh, kw, _, out = kernel.shape
        y = np.zeros((n, h - kh + 1, wd - kw + 1, out), dtype=np.float64)
        for i in range(kh):
            for j in range(kw):
                y += np.einsum("nhwc,co->nhwo", x[:, i:i + h - kh + 1, j:j + wd - kw + 1, :], kernel[i, j])
        return np.maximum(y + bias, 0)

    x = conv2d(x.astype(np.float64), *w["conv2d"])
    x = conv2d(x, *w["conv2d_1"])
    n, h, wd, c = x.shape
    x = x[:, :h // 2 * 2, :wd // 2 * 2, :].reshape(n, h // 2, 2, wd // 2, 2, c).max(axis=(2, 4))
    x = x.reshape(n, -1)
    x = np.maximum(x @ w["dense"][0] + w["dense"][1], 0)
    z = x @ w["dense_1"][0] + w["dense_1"][1]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def write_oracle(path, probs):
    with open(path, "w") as f:
        f.write("image," + ",".join(f"p{k}" for k in range(probs.shape[1])) + "\n")
        for i, row in enumerate(probs):
            f.write(str(i) + "," + ",".join(f"{p:.9g}" for p in row) + "\n")


def make(directory, name, f1, f2, units, functional=False):
    w = weights(f1, f2, units, SEED)
    if functional:
        write_model(os.path.join(directory, name + ".h5"), functional_config(f1, f2, units), w,
                    layer_names=["input_1", "conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense", "dropout", "dense_1"])
    else:
        write_model(os.path.join(directory, name + ".h5"), model_config(f1, f2, units), w)
    probs = forward(read_test_images(ORACLE_IMAGES), w)
    write_oracle(os.path.join(directory, name + ".oracle.csv"), probs)
    if directory != HERE:
        np.save(os.path.join(directory, name + ".oracle.npy"), probs.astype(np.float32))


def main():
    make(HERE, "seed_cnn_small", 8, 16, 32)
    make(HERE, "seed_cnn_functional", 4, 8, 16, functional=True)
    # Bad inputs for the error messages: the weights alone (model.save_weights), and models with a layer the
    # importer does not support (a Lambda: arbitrary Python code; RandomFlip: a preprocessing layer DL4J lacks).
    tiny = {"dense": [np.ones((4, 2), np.float32), np.zeros(2, np.float32)]}
    write_model(os.path.join(HERE, "weights_only.h5"), None, tiny, with_config=False, layer_names=["dense"])
    lam = {"class_name": "Lambda", "config": {"name": "lambda", "trainable": True, "dtype": "float32",
                                              "function": ["(base64 of marshalled Python bytecode; not real here, nothing reads it)", None, None],
                                              "function_type": "lambda", "module": "__main__", "output_shape": None,
                                              "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}}
    write_model(os.path.join(HERE, "lambda_layer.h5"), model_config(1, 1, 2, lam), weights(1, 1, 2, SEED),
                layer_names=["conv2d", "conv2d_1", "max_pooling2d", "flatten", "lambda", "dense", "dropout", "dense_1"])
    flip = {"class_name": "RandomFlip", "config": {"name": "random_flip", "trainable": True, "dtype": "float32",
                                                   "mode": "horizontal", "seed": None}}
    write_model(os.path.join(HERE, "random_flip_layer.h5"), model_config(1, 1, 2, flip), weights(1, 1, 2, SEED),
                layer_names=["conv2d", "conv2d_1", "max_pooling2d", "flatten", "random_flip", "dense", "dropout", "dense_1"])
    if len(sys.argv) == 3 and sys.argv[1] == "--full":
        os.makedirs(sys.argv[2], exist_ok=True)
        make(sys.argv[2], "seed_cnn", 32, 64, 128)
    elif len(sys.argv) > 1:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
