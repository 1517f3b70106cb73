/**
 * A plain float64 tanh network with softmax cross-entropy, written out loop by loop: the reference
 * that the engine's curvature passes (Gauss-Newton, empirical Fisher, K-FAC factors) are tested
 * against on tiny problems. Layout as the problem files: per layer W ([in, out] row-major) then b.
 */
export interface TinyNet {
  layers: number[];
  X: number[][];
  labels: number[];
}

interface Example {
  /** Inputs to each layer, h[0] = x. */
  h: number[][];
  /** Pre-activations of each layer; the last is z. */
  a: number[][];
  p: number[];
}

function offsets(layers: number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (let l = 1; l < layers.length; l++) {
    out.push(at);
    at += layers[l - 1] * layers[l] + layers[l];
  }
  return out;
}

function forwardOne(net: TinyNet, w: Float64Array, x: number[]): Example {
  const offs = offsets(net.layers);
  const h: number[][] = [x];
  const a: number[][] = [];
  for (let l = 0; l < offs.length; l++) {
    const [nIn, nOut] = [net.layers[l], net.layers[l + 1]];
    const s = new Array<number>(nOut).fill(0);
    for (let j = 0; j < nOut; j++) {
      s[j] = w[offs[l] + nIn * nOut + j];
      for (let i = 0; i < nIn; i++) s[j] += h[l][i] * w[offs[l] + i * nOut + j];
    }
    a.push(s);
    if (l < offs.length - 1) h.push(s.map(Math.tanh));
  }
  const z = a[a.length - 1];
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((x, y) => x + y, 0);
  return { h, a, p: e.map((v) => v / sum) };
}

/** Back-propagates a cotangent at z to every layer's pre-activations. */
function backward(net: TinyNet, w: Float64Array, ex: Example, top: number[]): number[][] {
  const offs = offsets(net.layers);
  const L = offs.length;
  const out: number[][] = new Array<number[]>(L);
  out[L - 1] = top;
  for (let l = L - 1; l > 0; l--) {
    const [nIn, nOut] = [net.layers[l], net.layers[l + 1]];
    out[l - 1] = new Array<number>(nIn).fill(0).map((_, i) => {
      let s = 0;
      for (let j = 0; j < nOut; j++) s += out[l][j] * w[offs[l] + i * nOut + j];
      const t = Math.tanh(ex.a[l - 1][i]);
      return s * (1 - t * t);
    });
  }
  return out;
}

/** Per-example gradients of the per-example loss -log p_y, each in the parameter layout. */
export function perExampleGradients(net: TinyNet, w: Float64Array): Float64Array[] {
  const offs = offsets(net.layers);
  return net.X.map((x, n) => {
    const ex = forwardOne(net, w, x);
    const deltas = backward(net, w, ex, ex.p.map((p, c) => p - (c === net.labels[n] ? 1 : 0)));
    const g = new Float64Array(w.length);
    offs.forEach((off, l) => {
      const [nIn, nOut] = [net.layers[l], net.layers[l + 1]];
      for (let j = 0; j < nOut; j++) {
        for (let i = 0; i < nIn; i++) g[off + i * nOut + j] = ex.h[l][i] * deltas[l][j];
        g[off + nIn * nOut + j] = deltas[l][j];
      }
    });
    return g;
  });
}

/** K-FAC's factors by their definitions: A = mean [a, 1][a, 1]^T, S = mean B^T (diag p - p p^T) B. */
export function kfacFactorsByDefinition(net: TinyNet, w: Float64Array): { A: Float64Array; S: Float64Array }[] {
  const L = net.layers.length - 1;
  const nOutLast = net.layers[L];
  const N = net.X.length;
  const out = Array.from({ length: L }, (_, l) => ({
    A: new Float64Array((net.layers[l] + 1) ** 2),
    S: new Float64Array(net.layers[l + 1] ** 2),
  }));
  for (const x of net.X) {
    const ex = forwardOne(net, w, x);
    // Rows of the Jacobian dz/ds_l, one per output c.
    const B = Array.from({ length: nOutLast }, (_, c) => backward(net, w, ex, Array.from({ length: nOutLast }, (_, k) => (k === c ? 1 : 0))));
    const lambda = (c: number, k: number): number => (c === k ? ex.p[c] : 0) - ex.p[c] * ex.p[k];
    for (let l = 0; l < L; l++) {
      const a = [...ex.h[l], 1];
      const m = a.length;
      for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) out[l].A[i * m + k] += (a[i] * a[k]) / N;
      const n = net.layers[l + 1];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let c = 0; c < nOutLast; c++) for (let k = 0; k < nOutLast; k++) s += B[c][l][i] * lambda(c, k) * B[k][l][j];
          out[l].S[i * n + j] += s / N;
        }
      }
    }
  }
  return out;
}
