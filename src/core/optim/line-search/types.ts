/** A point a line search accepted: x = x0 + alpha d, with its loss and gradient. */
export interface LineSearchPoint {
  alpha: number;
  x: Float64Array;
  value: number;
  grad: Float64Array;
}
