/**
 * The atlas kernel's inputs (src/gpu/atlas/common.wgsl): the data set's integer polynomials,
 * the lean kernel's poly_fast made from them, and the one input buffer with its offsets.
 */
import type { AtlasJob } from '../backend';
import type { Dataset } from '../../model/dataset';
import { isRpropFamily, type Hyper } from '../../model/optimiserSpec';

/** the shader's workgroup copy of the coefficients holds (2n - 1) + n of them */
export const MAX_COEFS = 304;

/**
 * The integer polynomials of the row factorisation (see src/gpu/atlas/eval.wgsl): coefficients
 * of C(r) = sum_i P_i(r)^2 (degree 2n-2), then of B(r) = sum_i t_i P_i(r) (degree n-1), and
 * T = sum_i t_i^2. All exact integers (at most samples * seqLen), so exact in float32.
 */
export function atlasPolynomials(d: Dataset): { coefs: Float32Array; sumT2: number; resid: Float32Array | null } {
  const { samples: N, seqLen: n, x, targets } = d;
  const D = Math.max(0, 2 * n - 2);
  const c = new Float64Array(D + 1);
  const b = new Float64Array(n);
  let sumT2 = 0;
  const ones: number[] = [];
  for (let i = 0; i < N; i++) {
    ones.length = 0;
    // x_{i,k} (k = kz + 1) multiplies r^(n-1-kz)
    for (let kz = 0; kz < n; kz++) if (x[i * n + kz]) ones.push(n - 1 - kz);
    for (const j of ones) {
      b[j] += targets[i];
      for (const l of ones) c[j + l] += 1;
    }
    sumT2 += targets[i] * targets[i];
  }
  const coefs = new Float32Array(D + 1 + n);
  coefs.set(c, 0);
  coefs.set(b, D + 1);
  return { coefs, sumT2, resid: residualPolynomials(d) };
}

/**
 * The residual form's polynomials (src/gpu/atlas/eval.wgsl, resid_eval): with
 * Q_i(r) = (P_i(r) - P_i(1)) / (r - 1), whose coefficient of r^j counts the ones of sample i at
 * powers above j, the coefficients of E(r) = sum_i P_i Q_i (degree 2n-3), then of
 * F(r) = sum_i Q_i^2 (degree 2n-4). Null where a target is not the count of its ones (t_i = P_i(1)):
 * the form needs e_i = wx P_i(r) - t_i to vanish at (1, 1). Integers, exact in float32 below 2^24.
 */
export function residualPolynomials(d: Dataset): Float32Array | null {
  const { samples: N, seqLen: n, x, targets } = d;
  if (n < 2) return null;
  const e = new Float64Array(2 * n - 2);
  const f = new Float64Array(2 * n - 3);
  const p = new Float64Array(n);
  const q = new Float64Array(n - 1);
  for (let i = 0; i < N; i++) {
    p.fill(0);
    q.fill(0);
    let count = 0;
    for (let kz = 0; kz < n; kz++) {
      if (!x[i * n + kz]) continue;
      const power = n - 1 - kz;
      p[power] = 1;
      count++;
      for (let j = 0; j < power; j++) q[j]++;
    }
    if (targets[i] !== count) return null;
    for (let a = 0; a < n; a++) if (p[a]) for (let j = 0; j < n - 1; j++) e[a + j] += q[j];
    for (let a = 0; a < n - 1; a++) if (q[a]) for (let j = 0; j < n - 1; j++) f[a + j] += q[a] * q[j];
  }
  const out = new Float32Array(e.length + f.length);
  out.set(e, 0);
  out.set(f, e.length);
  return out;
}

/**
 * The lean kernel's poly_fast (see src/gpu/atlas/poly.wgsl for the generic one): Horner with the
 * derivative, the data set's integer coefficients written in as constants.
 */
export function leanPolynomial(coefs: Float32Array, seqLen: number): string {
  const D = 2 * seqLen - 2;
  const lit = (v: number) => `${v}.0`;
  const lines = ['fn poly_fast(r: f32) -> vec4<f32> {', `  var c = ${lit(coefs[D])};`, '  var dc = 0.0;'];
  for (let m = D - 1; m >= 0; m--) lines.push('  dc = dc * r + c;', `  c = c * r + ${lit(coefs[m])};`);
  lines.push(`  var b = ${lit(coefs[D + seqLen])};`, '  var db = 0.0;');
  for (let m = seqLen - 2; m >= 0; m--) lines.push('  db = db * r + b;', `  b = b * r + ${lit(coefs[D + 1 + m])};`);
  lines.push('  return vec4<f32>(c, dc, b, db);', '}');
  return lines.join('\n');
}

/** The data set's part of the inputs: coefficients, x, targets. */
export function datasetPart(d: Dataset): { part: Float32Array; coefs: Float32Array; sumT2: number } {
  const { coefs, sumT2, resid } = atlasPolynomials(d);
  const part = new Float32Array(coefs.length + d.x.length + d.samples + (resid?.length ?? 0));
  part.set(coefs, 0);
  part.set(d.x, coefs.length);
  part.set(d.targets, coefs.length + d.x.length);
  if (resid) part.set(resid, coefs.length + d.x.length + d.samples);
  return { part, coefs, sumT2 };
}

/** Where each input starts in the input buffer (the uniforms of the same names). */
export interface InputOffsets {
  offXs: number;
  offTargets: number;
  offAxisX: number;
  offAxisY: number;
  offAxisXLo: number;
  offAxisYLo: number;
  offBias: number;
  /** the residual form's E and F (residualPolynomials), 0: none */
  offResid: number;
}

/**
 * The whole input buffer of a run: the data set's part, the axes (in 'lr' mode of the learning
 * rates, 10^axis) and their float32 rounding remainders, adam's bias corrections.
 */
export function atlasInputs(req: AtlasJob, hyper: Hyper, part: Float32Array): { inputs: Float32Array; offsets: InputOffsets } {
  const { dataset: d, mode, opt, iterations, xAxis, yAxis } = req;
  const n = d.seqLen;
  const offXs = 3 * n - 1;
  const offTargets = offXs + d.samples * n;
  // the data set's part ends with the residual form's polynomials where it has them
  const offResid = part.length > offTargets + d.samples ? offTargets + d.samples : 0;
  const offAxisX = part.length;
  const offAxisY = offAxisX + xAxis.length;
  const offAxisXLo = offAxisY + yAxis.length;
  const offAxisYLo = offAxisXLo + xAxis.length;
  const offBias = offAxisYLo + yAxis.length;
  const adam = opt === 'adam';
  const inputs = new Float32Array(offBias + (adam ? 2 * iterations : 0));
  inputs.set(part, 0);
  const lrAxes = mode === 'lr' && !isRpropFamily(opt);
  const axisInput = (axis: Float64Array, off: number, offLo: number) =>
    axis.forEach((a, i) => {
      const v = lrAxes ? 10 ** a : a;
      inputs[off + i] = v;
      inputs[offLo + i] = v - inputs[off + i];
    });
  axisInput(xAxis, offAxisX, offAxisXLo);
  axisInput(yAxis, offAxisY, offAxisYLo);
  if (adam)
    for (let t = 1; t <= iterations; t++) {
      inputs[offBias + 2 * t - 2] = 1 / (1 - Math.pow(hyper.beta1, t));
      inputs[offBias + 2 * t - 1] = 1 / (1 - Math.pow(hyper.beta2, t));
    }
  return { inputs, offsets: { offXs, offTargets, offAxisX, offAxisY, offAxisXLo, offAxisYLo, offBias, offResid } };
}
