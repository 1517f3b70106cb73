/** Adam's bias-corrected moment estimates, shared by Adam (squared gradient) and AdaHessian (squared Hessian diagonal). */
export interface MomentState {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

export interface MomentSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** k in the denominator v^(k/2): 1 for Adam and full AdaHessian. */
  power: number;
}

export function zeroMoments(n: number): MomentState {
  return { m: new Float64Array(n), v: new Float64Array(n), t: 0 };
}

/**
 * x - lr * m_hat / (v_hat^(k/2) + eps), where m tracks `grad` and v tracks `signal`^2
 * (Kingma & Ba 2015, Alg. 1; Yao et al. 2021, Alg. 1 for the Hessian-diagonal signal).
 */
export function momentStep(
  x: Float64Array,
  grad: Float64Array,
  signal: Float64Array,
  state: MomentState,
  s: MomentSettings,
): { x: Float64Array; state: MomentState } {
  const n = x.length;
  const t = state.t + 1;
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const next = new Float64Array(n);
  const c1 = 1 - s.beta1 ** t;
  const c2 = 1 - s.beta2 ** t;
  for (let i = 0; i < n; i++) {
    m[i] = s.beta1 * state.m[i] + (1 - s.beta1) * grad[i];
    v[i] = s.beta2 * state.v[i] + (1 - s.beta2) * signal[i] * signal[i];
    next[i] = x[i] - (s.lr * (m[i] / c1)) / ((v[i] / c2) ** (s.power / 2) + s.eps);
  }
  return { x: next, state: { m, v, t } };
}
