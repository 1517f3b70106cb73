#!/usr/bin/python3
"""Writes the layer-zoo problems: small random layer-list problems covering what the shared
fixtures do not (stride-2 and 'valid' convolutions with TF's odd 'same' padding, layer norm on
images and vectors, average and global average pooling, residual convolutions, sigmoid /
softplus / gelu, binary cross-entropy, mse, weight decay), with float64 PyTorch references from
../../../bench/peer_models.py --reference. Run from this folder: /usr/bin/python3 make_zoo.py"""
import json, subprocess, sys
import numpy as np

ZOO = {
    "zoo-image-ce": dict(input_shape=[7, 7, 2], loss="softmax_cross_entropy", weight_decay=0.01, n=12, classes=3, model=[
        {"type": "conv2d", "filters": 3, "kernel": 3, "stride": 2, "padding": "same"},
        {"type": "activation", "fn": "gelu"},
        {"type": "layernorm", "eps": 1e-5},
        {"type": "residual", "body": [{"type": "conv2d", "filters": 3, "kernel": 3}, {"type": "activation", "fn": "softplus"}]},
        {"type": "avgpool", "size": 2},
        {"type": "conv2d", "filters": 4, "kernel": 2, "padding": "valid"},
        {"type": "activation", "fn": "sigmoid"},
        {"type": "global_avgpool"},
        {"type": "dense", "units": 3},
    ]),
    "zoo-vector-bce": dict(input_shape=[5], loss="binary_cross_entropy", weight_decay=0.0, n=10, classes=2, model=[
        {"type": "dense", "units": 6},
        {"type": "layernorm"},
        {"type": "activation", "fn": "tanh"},
        {"type": "residual", "body": [{"type": "dense", "units": 6}, {"type": "activation", "fn": "relu"}, {"type": "dense", "units": 6}]},
        {"type": "dense", "units": 1},
    ]),
    "zoo-pool-mse": dict(input_shape=[5, 5, 1], loss="mse", weight_decay=0.0, n=8, classes=0, model=[
        {"type": "conv2d", "filters": 2, "kernel": 2, "stride": 1, "padding": "same"},
        {"type": "activation", "fn": "gelu"},
        {"type": "maxpool", "size": 2},
        {"type": "flatten"},
        {"type": "dense", "units": 2},
    ]),
}

def num_params(model, shape):
    total = 0
    for layer in model:
        t = layer["type"]
        if t == "dense":
            total += shape[0] * layer["units"] + layer["units"]; shape = [layer["units"]]
        elif t == "conv2d":
            k, f, s = layer["kernel"], layer["filters"], layer.get("stride", 1)
            total += k * k * shape[2] * f + f
            if layer.get("padding", "same") == "same": shape = [-(-shape[0] // s), -(-shape[1] // s), f]
            else: shape = [(shape[0] - k) // s + 1, (shape[1] - k) // s + 1, f]
        elif t in ("maxpool", "avgpool"):
            shape = [shape[0] // layer["size"], shape[1] // layer["size"], shape[2]]
        elif t == "global_avgpool": shape = [shape[2]]
        elif t == "flatten": shape = [int(np.prod(shape))]
        elif t == "layernorm": total += 2 * shape[-1]
        elif t == "residual": total += num_params(layer["body"], shape)[0]
    return total, shape

rng = np.random.default_rng(2026)
for name, z in ZOO.items():
    P, out = num_params(z["model"], z["input_shape"])
    n = z["n"]
    X = rng.standard_normal((n, int(np.prod(z["input_shape"])))).round(4)
    if z["loss"] == "mse": y = rng.standard_normal((n, out[0])).round(4).tolist()
    else: y = [int(c) for c in rng.integers(0, z["classes"], n)]
    problem = {"name": name, "input_shape": z["input_shape"], "model": z["model"], "loss": z["loss"],
               "weight_decay": z["weight_decay"], "X": X.tolist(), "y": y, "params": (0.6 * rng.standard_normal(P)).round(5).tolist()}
    json.dump(problem, open(f"{name}.json", "w"))
    subprocess.run([sys.executable, "../../../bench/peer_models.py", "--reference", f"{name}.json", f"{name}.json"], check=True)
    print(name, P)
