#!/usr/bin/python3
"""PyTorch peer for layer-list problems (shared/fixtures/README.md, "Models: layer lists"): the
same measurements as ../shared/peer/peer_torch.py (float32, 1 thread unless TORCH_THREADS; loss,
gradient and double-backprop HVP times in wall and process CPU time, ARPACK top-5 via scipy eigsh, a loss-landscape style
per-point surface loop), with the network built from the problem's `model` list in NHWC / HWIO
as the file stores it. Prints one JSON line.

Usage: peer_models.py PROBLEM.json [GRID]
       peer_models.py --reference PROBLEM.json OUT.json   (float64 loss, gradient, HVP and GGN probes)"""
import json, math, os, sys, time
import numpy as np, torch
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))

ACT = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
       "softplus": F.softplus, "gelu": lambda z: F.gelu(z, approximate="tanh")}


def same_pad(n, k, s):
    """TF's 'same': total padding max((ceil(n/s)-1) s + k - n, 0), the odd pixel after."""
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def forward(model, h, w, at=0):
    """h: NHWC images [N, H, W, C] or vectors [N, D]; w: the flat parameters. Returns (output, next offset)."""
    for layer in model:
        t = layer["type"]
        if t == "dense":
            d, u = h.shape[1], layer["units"]
            W = w[at:at + d * u].reshape(d, u); at += d * u
            b = w[at:at + u]; at += u
            h = h @ W + b
        elif t == "conv2d":
            k, f, s = layer["kernel"], layer["filters"], layer.get("stride", 1)
            c = h.shape[3]
            K = w[at:at + k * k * c * f].reshape(k, k, c, f); at += k * k * c * f
            b = w[at:at + f]; at += f
            x = h.permute(0, 3, 1, 2)
            if layer.get("padding", "same") == "same":
                top, bottom = same_pad(x.shape[2], k, s)
                left, right = same_pad(x.shape[3], k, s)
                x = F.pad(x, (left, right, top, bottom))
            h = F.conv2d(x, K.permute(3, 2, 0, 1), b, stride=s).permute(0, 2, 3, 1)
        elif t == "activation":
            h = ACT[layer["fn"]](h)
        elif t in ("maxpool", "avgpool"):
            pool = F.max_pool2d if t == "maxpool" else F.avg_pool2d
            h = pool(h.permute(0, 3, 1, 2), layer["size"]).permute(0, 2, 3, 1)
        elif t == "global_avgpool":
            h = h.mean(dim=(1, 2))
        elif t == "flatten":
            h = h.reshape(h.shape[0], -1)
        elif t == "layernorm":
            c = h.shape[-1]
            g = w[at:at + c]; at += c
            b = w[at:at + c]; at += c
            h = F.layer_norm(h, (c,), g, b, layer.get("eps", 1e-5))
        elif t == "residual":
            y, at = forward(layer["body"], h, w, at)
            h = h + y
        else:
            raise ValueError(t)
    return h, at


def make_loss(p, dtype):
    X = torch.tensor(p["X"], dtype=dtype).reshape(len(p["X"]), *p["input_shape"])
    wd = p.get("weight_decay", 0.0)
    loss = p["loss"]
    y = torch.tensor(p["y"], dtype=torch.long if loss == "softmax_cross_entropy" else dtype)

    def head(z):
        if loss == "softmax_cross_entropy":
            return F.cross_entropy(z, y)
        if loss == "mse":
            return ((z - y) ** 2).mean()
        return F.binary_cross_entropy_with_logits(z[:, 0], y.reshape(-1))

    def outputs(w):
        z, at = forward(p["model"], X, w)
        assert at == w.numel(), (at, w.numel())
        return z

    def f(w):
        return head(outputs(w)) + 0.5 * wd * (w * w).sum()
    return f, outputs, head


def hvp_fn(f, w):
    def hvp(v):
        wr = w.detach().requires_grad_(True)
        g, = torch.autograd.grad(f(wr), wr, create_graph=True)
        hv, = torch.autograd.grad(g, wr, grad_outputs=v)
        return hv.detach()
    return hvp


def ggnvp_fn(outputs, head, w, wd):
    """G v = J^T (d2L/dz2) J v + wd v, J v by double-vjp forward mode."""
    def ggnvp(v):
        wr = w.detach().requires_grad_(True)
        z = outputs(wr)
        u = torch.zeros_like(z, requires_grad=True)
        jt, = torch.autograd.grad(z, wr, grad_outputs=u, create_graph=True)
        jv, = torch.autograd.grad(jt, u, grad_outputs=v)
        zd = z.detach().requires_grad_(True)
        gz, = torch.autograd.grad(head(zd), zd, create_graph=True)
        hjv, = torch.autograd.grad(gz, zd, grad_outputs=jv)
        out, = torch.autograd.grad(z, wr, grad_outputs=hjv)
        return out.detach() + wd * v
    return ggnvp


def reference(path, out_path):
    torch.set_default_dtype(torch.float64)
    p = json.load(open(path))
    f, outputs, head = make_loss(p, torch.float64)
    w = torch.tensor(p["params"], dtype=torch.float64)
    wr = w.clone().requires_grad_(True)
    l = f(wr)
    g, = torch.autograd.grad(l, wr)
    v = torch.tensor(np.random.default_rng(7).standard_normal(w.numel()))
    hv = hvp_fn(f, w)(v)
    gv = ggnvp_fn(outputs, head, w, p.get("weight_decay", 0.0))(v)
    P = w.numel()
    eye = torch.eye(P, dtype=torch.float64)
    H = torch.stack([hvp_fn(f, w)(eye[i]) for i in range(P)])
    G = torch.stack([ggnvp_fn(outputs, head, w, p.get("weight_decay", 0.0))(eye[i]) for i in range(P)])
    H, G = 0.5 * (H + H.T), 0.5 * (G + G.T)
    p["reference"] = {"note": "float64 PyTorch (bench/peer_models.py --reference)", "num_params": P,
                      "loss": float(l), "grad": g.tolist(), "grad_norm": float(g.norm()),
                      "eigenvalues_ascending": torch.linalg.eigvalsh(H).tolist(), "trace": float(H.trace()),
                      "hvp_probe": {"v": v.tolist(), "Hv": hv.tolist()},
                      "ggn": {"note": "float64 J^T (d2L/dz2) J + wd I", "eigenvalues_ascending": torch.linalg.eigvalsh(G).tolist(),
                              "trace": float(G.trace()), "probe": {"v": v.tolist(), "Gv": gv.tolist()}}}
    json.dump(p, open(out_path, "w"))


def peer(path, grid):
    import scipy.sparse.linalg as sla
    torch.set_default_dtype(torch.float32)
    p = json.load(open(path))
    f, _, _ = make_loss(p, torch.float32)
    w = torch.tensor(p["params"], dtype=torch.float32)
    P = w.numel()
    counter = {"hvp": 0}
    plain_hvp = hvp_fn(f, w)

    def hvp(v):
        counter["hvp"] += 1
        return plain_hvp(v)

    def grad_at(w):
        w = w.detach().requires_grad_(True)
        g, = torch.autograd.grad(f(w), w)
        return g

    def timeit(fn, reps):
        """Mean wall and process CPU seconds per call (the machine is shared; CPU time is what the bench compares)."""
        fn(); t, c = time.perf_counter(), time.process_time()
        for _ in range(reps): fn()
        return (time.perf_counter() - t) / reps, (time.process_time() - c) / reps

    with torch.no_grad():
        t_loss, c_loss = timeit(lambda: f(w), 20)
    t_grad, c_grad = timeit(lambda: grad_at(w), 20)
    v0 = torch.randn(P)
    t_hvp, c_hvp = timeit(lambda: hvp(v0), 20)
    out = {"problem": p["name"], "P": P, "torch_threads": torch.get_num_threads(),
           "loss_ms": t_loss * 1e3, "grad_ms": t_grad * 1e3, "hvp_ms": t_hvp * 1e3,
           "loss_cpu_ms": c_loss * 1e3, "grad_cpu_ms": c_grad * 1e3, "hvp_cpu_ms": c_hvp * 1e3, "hvp_over_grad": c_hvp / c_grad}
    ref = p.get("reference", {}).get("eigenvalues_ascending")
    counter["hvp"] = 0
    t, c = time.perf_counter(), time.process_time()
    op = sla.LinearOperator((P, P), matvec=lambda x: hvp(torch.tensor(np.asarray(x).ravel(), dtype=torch.float32)).numpy().astype(np.float64), dtype=np.float64)
    ev = np.sort(sla.eigsh(op, k=5, which="LA", tol=1e-6, v0=np.ones(P))[0])[::-1]
    out["arpack_top5"] = {"ms": (time.perf_counter() - t) * 1e3, "cpu_ms": (time.process_time() - c) * 1e3, "hvps": counter["hvp"]}
    if ref:
        top = np.array(ref)[::-1][:5]
        out["arpack_top5"]["max_rel_err"] = float(np.max(np.abs(ev - top) / abs(top[0])))
    torch.manual_seed(1)
    d1, d2 = torch.randn(P), torch.randn(P)
    d1 *= w.norm() / d1.norm(); d2 *= w.norm() / d2.norm()
    xs = torch.linspace(-1, 1, grid)
    t, c = time.perf_counter(), time.process_time()
    with torch.no_grad():
        [[float(f(w + a * d1 + b * d2)) for a in xs] for b in xs]
    out["surface"] = {"grid": grid, "ms": (time.perf_counter() - t) * 1e3, "cpu_ms": (time.process_time() - c) * 1e3}
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "--reference":
        reference(sys.argv[2], sys.argv[3])
    else:
        peer(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 51)
