// The trainability atlas (SPEC section 8): one optimiser run (SPEC section 7) per grid cell, one
// cell per invocation. A dispatch advances the cells [cellStart, cellEnd) by the iterations
// [kStart, kEnd); the optimiser state of each cell lives in `cells` between dispatches, so the
// host can cut the work into slices short enough for the page to stay responsive.
//
// The host (src/gpu/atlas/shader.ts) puts before this file the uniform struct AtlasU and the
// bindings (declared in src/gpu/atlas/uniforms.ts), the optimiser ids O_* and OPT (from OPTIMISERS), the family flags
// RPROP_FAMILY and FULL, XF (xfloat.wgsl) and poly_fast; after it come the cost and gradient
// (eval.wgsl), one step function per optimiser family (step_*.wgsl) and the entry point
// (main.wgsl).
//
// Two entry points share the source, chosen by the constant FULL: the lean kernel (FULL = false)
// has only the float32 path; a cell that needs more (|wRec| > rFast) pauses there
// (divergedAt = -2 - k) and appends itself to `list`. The full kernel (FULL = true), dispatched
// indirectly over that list right after, carries those cells on to the end of the slice with both
// paths. SwiftShader runs code of untaken branches too, so keeping the XF path out of the lean
// kernel makes the common case about 2.5x faster.

// One cell's run between dispatches (72 bytes).
struct Cell {
  w: vec2<f32>,
  // the weights' float32 rounding remainder: the weights are w + wlo (compensated sums)
  wlo: vec2<f32>,
  // Rprop family: Delta; momentum: buffer (XF mantissas); adam: m (XF mantissas)
  a: vec2<f32>,
  // Rprop family: sign of the previous gradient; adam: v (XF mantissas)
  b: vec2<f32>,
  // Rprop+ family: the previous step
  c: vec2<f32>,
  ea: vec2<i32>,
  eb: vec2<i32>,
  // irprop+: the previous cost E_{k-1} as XF (prevCostE = E_INF: +infinity)
  prevCost: f32,
  prevCostE: i32,
  convergedAt: i32,
  divergedAt: i32,
}

// The bindings (u, inp, cells, finalCostOut, convergedOut, divergedOut, list, args) are declared
// by the host, from ATLAS_BINDINGS (src/gpu/atlas/uniforms.ts).
// All inputs are in one buffer, `inp` (storage buffers per stage are few), at the offsets in `u`
// (src/gpu/atlas/inputs.ts):
//   [0 ..]          c_0 .. c_{2n-2}, b_0 .. b_{n-1}: the coefficients of C and B (integers)
//   [offXs ..]      the inputs x, samples x seqLen, row-major
//   [offTargets ..] the targets
//   [offResid ..]   (where offResid > 0) E's and F's coefficients, the residual form (eval.wgsl)
//   [offAxisX ..]   per column: wx (starts) or the hyperparameter (lr: learning rate or etaPlus)
//   [offAxisY ..]   per row: wRec (starts) or the hyperparameter (lr: learning rate or etaMinus)
//   [offAxisXLo ..], [offAxisYLo ..]  the axes' rounding remainders (value - float32(value))
//   [offBias ..]    adam: 1 / (1 - beta1^t), 1 / (1 - beta2^t) for t = 1 .. iterations (float64-made)

struct ListArgs {
  groups: atomic<u32>,
  y: u32,
  z: u32,
  count: atomic<u32>,
}

// The residual form's cost, gradient and rounding bound (the linear model's resid_eval, eval.wgsl).
struct Resid {
  // false: no residual form here (r < 0, other targets, n = 1, another model)
  ok: bool,
  cost: f32,
  g: vec2<f32>,
  err: f32,
}

const MAX_COEFS = 304u;  // (2n - 1) + n for n <= MAX_SEQ_LEN (100)
var<workgroup> wc: array<f32, MAX_COEFS>;
// the same coefficients four to a vec4 (fewer loads in the hot loop), zeros above the top degree:
// C in [0, gC), B in [gC, gC + gB)
const MAX_COEF4 = 80u;
var<workgroup> wc4: array<vec4<f32>, MAX_COEF4>;

const DIVERGENCE_LIMIT = 1e6;
const E_INF = 0x7fffffff;
const F64_EXP = 1024;  // float64 overflows at 2^1024
const U32F = 5.9604645e-8;  // 2^-24, float32's unit roundoff

fn xf_pow(r: f32, k: u32) -> XF {
  var result = xf(1.0);
  var base = xf(r);
  var e = k;
  loop {
    if (e == 0u) {
      break;
    }
    if ((e & 1u) != 0u) {
      result = xf_mul(result, base);
    }
    e = e >> 1u;
    if (e != 0u) {
      base = xf_mul(base, base);
    }
  }
  return result;
}

fn xf_div(a: XF, b: XF) -> XF {
  return xf_norm(a.m / b.m, a.e - b.e);
}

fn xf_sqrt(a: XF) -> XF {
  if (a.m <= 0.0) {
    return XF_ZERO;
  }
  if ((a.e & 1) != 0) {
    return xf_norm(sqrt(2.0 * a.m), (a.e - 1) / 2);
  }
  return xf_norm(sqrt(a.m), a.e / 2);
}

// a > b for any signs
fn xf_greater(a: XF, b: XF) -> bool {
  return xf_add(a, xf_neg(b)).m > 0.0;
}

// To float32 for a weight step: far beyond the divergence limit is enough, so the exponent is
// capped (no infinity ever reaches a weight).
fn xf_to_step(a: XF) -> f32 {
  if (a.m == 0.0 || a.e < -149) {
    return 0.0;
  }
  return ldexp(a.m, min(a.e, 100));
}

fn load_coefficients(lid: u32) {
  let ncoef = u.degC + 1u + u.seqLen;
  for (var i = lid; i < ncoef; i += 64u) {
    wc[i] = inp[i];
  }
  let gC = (u.degC + 4u) / 4u;
  let gB = (u.seqLen + 3u) / 4u;
  for (var i = lid; i < gC + gB; i += 64u) {
    var v = vec4<f32>(0.0);
    for (var j = 0u; j < 4u; j++) {
      if (i < gC) {
        let m = 4u * i + j;
        if (m <= u.degC) {
          v[j] = inp[m];
        }
      } else {
        let m = 4u * (i - gC) + j;
        if (m < u.seqLen) {
          v[j] = inp[u.degC + 1u + m];
        }
      }
    }
    wc4[i] = v;
  }
}
