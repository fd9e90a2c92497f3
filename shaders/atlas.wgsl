// The trainability atlas (SPEC section 8): one optimiser run (SPEC section 7) per grid cell, one
// cell per invocation. A dispatch advances the cells [cellStart, cellEnd) by the iterations
// [kStart, kEnd); the optimiser state of each cell lives in `cells` between dispatches, so the
// host can cut the work into slices short enough for the page to stay responsive.
//
// Cost and gradient: the row factorisation. y_i = wx P_i(r) with r = wRec and
// P_i(r) = sum_k x_ik r^(n-k), so with the integer polynomials (host-made, exact in float32)
//   C(r) = sum_i P_i(r)^2  (degree 2n-2),   B(r) = sum_i t_i P_i(r)  (degree n-1),   T = sum_i t_i^2
// the batch cost and its gradient are
//   N cost = T - 2 wx B + wx^2 C,   dC/dwx = 2 (wx C - B) / N,   dC/dwRec = wx (wx C' - 2 B') / N,
// two Horner loops per iteration, O(n) work whatever the number of samples.
// The quadratic form cancels near the minimum (error about n eps T), so wherever that error could
// decide `cost < tol` the cost is recomputed as a sum of squares over the samples (`exact_cost`),
// and the final cost of every cell is such a sum.
//
// float32 range: where |wRec|^(2n-2) wx^2 could leave about 2^120 (`wide`), the same polynomials
// are evaluated in 1/wRec with the power of wRec carried as an exponent (XF, xfloat.wgsl). There
// the run ends where float64 would end it (`diverged = k`): where the float64 model
// (src/model/optimisers.ts) overflows, i.e. where N cost (its sum of squares), dC/dwx,
// g1 = sum_i 2 (y_i - t_i) P_i'(wRec) / N or dC/dwRec = wx g1 reaches 2^1024.
//
// Two entry points share this file, chosen by the constant FULL (prepended by the host with OPT,
// the optimiser's index in OPTIMISERS): the lean kernel (FULL = false) has only the float32 path;
// a cell that needs more (|wRec| > rFast) pauses there (divergedAt = -2 - k) and appends itself to
// `list`. The full kernel (FULL = true), dispatched indirectly over that list right after, carries
// those cells on to the end of the slice with both paths. SwiftShader runs code of untaken branches
// too, so keeping the XF path out of the lean kernel makes the common case about 2.5x faster.

struct AtlasU {
  samples: u32,
  seqLen: u32,
  cols: u32,
  iterations: u32,
  bandStart: u32,
  cellStart: u32,
  cellEnd: u32,
  kStart: u32,
  kEnd: u32,
  // 0: starts (cell = start point), 1: lr (cell = hyperparameters, all start at startX/Y)
  mode: u32,
  infBits: u32,
  // degree of C, 2n - 2
  degC: u32,
  // where each input starts in `inp` (the coefficients start at 0)
  offXs: u32,
  offTargets: u32,
  offAxisX: u32,
  offAxisY: u32,
  offBias: u32,
  // the axes' rounding remainders (value - float32(value)): the etas are products every step
  offAxisXLo: u32,
  offAxisYLo: u32,
  pad0: u32,
  tol: f32,
  // T = sum t_i^2
  sumT2: f32,
  // below this |wRec| the float32 path is always safe (for |wx| <= 2^21)
  rFast: f32,
  // log2(N) + 3 log2(n) + 2: the bound of the float32 path
  wideBase: f32,
  delta0: f32,
  etaPlus: f32,
  etaMinus: f32,
  deltaMin: f32,
  deltaMax: f32,
  lr: f32,
  momentum: f32,
  clip: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  eps: f32,
  startX: f32,
  startY: f32,
  invN: f32,
  etaPlusLo: f32,
  etaMinusLo: f32,
  startXLo: f32,
  startYLo: f32,
  // the learning rate of wRec ('starts' mode; 'lr' mode takes both rates from the axes)
  lrWRec: f32,
}

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

@group(0) @binding(0) var<uniform> u: AtlasU;
// All inputs in one buffer (storage buffers per stage are few), at the offsets in `u`:
//   [0 ..]          c_0 .. c_{2n-2}, b_0 .. b_{n-1}: the coefficients of C and B (integers)
//   [offXs ..]      the inputs x, samples x seqLen, row-major
//   [offTargets ..] the targets
//   [offAxisX ..]   per column: wx (starts) or the hyperparameter (lr: learning rate or etaPlus)
//   [offAxisY ..]   per row: wRec (starts) or the hyperparameter (lr: learning rate or etaMinus)
//   [offAxisXLo ..], [offAxisYLo ..]  the axes' rounding remainders (value - float32(value))
//   [offBias ..]    adam: 1 / (1 - beta1^t), 1 / (1 - beta2^t) for t = 1 .. iterations (float64-made)
@group(0) @binding(1) var<storage, read> inp: array<f32>;
@group(0) @binding(2) var<storage, read_write> cells: array<Cell>;
@group(0) @binding(3) var<storage, read_write> finalCostOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> convergedOut: array<i32>;
@group(0) @binding(5) var<storage, read_write> divergedOut: array<i32>;
// the cells (band-relative indices) that the lean kernel paused, and the indirect dispatch size
@group(0) @binding(6) var<storage, read_write> list: array<u32>;
@group(0) @binding(7) var<storage, read_write> args: ListArgs;

struct ListArgs {
  groups: atomic<u32>,
  y: u32,
  z: u32,
  count: atomic<u32>,
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

const O_RPROP = 0u;
const O_RPROP_MINUS = 1u;
const O_IRPROP_MINUS = 2u;
const O_RPROP_PLUS = 3u;
const O_IRPROP_PLUS = 4u;
const O_SGD = 5u;
const O_MOMENTUM = 6u;
const O_CLIP = 7u;
const O_ADAM = 8u;

struct Ev {
  // true: the XF values below hold the cost and gradient; false: the float32 ones
  wide: bool,
  // float64 would have a finite cost and gradient here
  finite: bool,
  cost: f32,
  // a bound on the cancellation error of `cost`
  err: f32,
  g: vec2<f32>,
  costX: XF,
  gx: XF,
  gr: XF,
}

fn xf_log2(a: XF) -> f32 {
  return f32(a.e) + log2(abs(a.m));
}

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

// Whether the float32 path is safe at (wx, r): every term below 2^120.
fn needs_wide(wx: f32, r: f32) -> bool {
  let ar = abs(r);
  if (ar <= u.rFast && abs(wx) <= 2097152.0) {
    return false;
  }
  let lr = f32(u.degC) * log2(max(ar, 1.0));
  let lw = 2.0 * log2(max(abs(wx), 1.0));
  return lr + lw + u.wideBase > 120.0;
}

fn eval_fast(wx: f32, r: f32) -> Ev {
  let n = u.seqLen;
  let p = poly_fast(r);
  let c = p.x;
  let dc = p.y;
  let b = p.z;
  let db = p.w;
  var ev: Ev;
  ev.wide = false;
  ev.finite = true;
  let twb = 2.0 * wx * b;
  let wwc = wx * wx * c;
  ev.cost = (u.sumT2 - twb + wwc) * u.invN;
  // Horner's rounding, (2n-2) steps of C and B each, then the three terms; with a negative wRec
  // the sums alternate in sign and the error bound grows (C(|r|) against C(r)), so a wide margin.
  var scale = f32(4u * n + 8u) * U32F;
  if (r < 0.0) {
    scale *= 64.0;
  }
  ev.err = scale * (u.sumT2 + abs(twb) + abs(wwc)) * u.invN;
  ev.g = vec2<f32>(2.0 * (wx * c - b) * u.invN, wx * (wx * dc - 2.0 * db) * u.invN);
  return ev;
}

fn eval_wide(wx: f32, r: f32) -> Ev {
  let D = u.degC;
  let n = u.seqLen;
  var C: XF;
  var dC: XF;
  var B: XF;
  var dB: XF;
  if (abs(r) <= 1.0) {
    var c = wc[D];
    var dc = 0.0;
    for (var m = D; m > 0u; m--) {
      dc = dc * r + c;
      c = c * r + wc[m - 1u];
    }
    var b = wc[D + n];
    var db = 0.0;
    for (var m = n - 1u; m > 0u; m--) {
      db = db * r + b;
      b = b * r + wc[D + m];
    }
    C = xf(c);
    dC = xf(dc);
    B = xf(b);
    dB = xf(db);
  } else {
    // C(r) = r^D sum_m c_m s^(D-m),  C'(r) = r^(D-1) sum_m m c_m s^(D-m), likewise B (degree n-1)
    let s = 1.0 / r;
    var c = 0.0;
    var dc = 0.0;
    for (var m = 0u; m <= D; m++) {
      c = c * s + wc[m];
      dc = dc * s + f32(m) * wc[m];
    }
    var b = 0.0;
    var db = 0.0;
    for (var m = 0u; m < n; m++) {
      b = b * s + wc[D + 1u + m];
      db = db * s + f32(m) * wc[D + 1u + m];
    }
    let pn1 = xf_pow(r, n - 1u);
    let p2 = xf_mul(pn1, pn1);
    C = xf_scale(p2, c);
    dC = xf_scale(p2, dc * s);
    B = xf_scale(pn1, b);
    dB = xf_scale(pn1, db * s);
  }
  var ev: Ev;
  ev.wide = true;
  let wX = xf(wx);
  let costN = xf_add(xf_add(xf(u.sumT2), xf_scale(B, -2.0 * wx)), xf_mul(xf_mul(C, wX), wX));
  ev.costX = xf_scale(costN, u.invN);
  ev.gx = xf_scale(xf_add(xf_mul(C, wX), xf_neg(B)), 2.0 * u.invN);
  // g1 = sum_i (2 (y_i - t_i) / N) P_i'(r), and dC/dwRec = wx g1
  let g1 = xf_scale(xf_add(xf_mul(dC, wX), xf_scale(dB, -2.0)), u.invN);
  ev.gr = xf_mul(g1, wX);
  ev.cost = xf_to_f32(ev.costX, u.infBits);
  ev.err = 0.0;
  ev.g = vec2<f32>(0.0);
  // float64 (src/model/optimisers.ts): the sum of squares, dC/dwx, g1 and dC/dwRec must be finite
  ev.finite = costN.e <= F64_EXP && ev.gx.e <= F64_EXP && g1.e <= F64_EXP && ev.gr.e <= F64_EXP;
  return ev;
}

fn evaluate(w: vec2<f32>) -> Ev {
  if (FULL && needs_wide(w.x, w.y)) {
    return eval_wide(w.x, w.y);
  }
  return eval_fast(w.x, w.y);
}

// The cost as a sum of squares over the samples (float32 range only): no cancellation.
fn exact_cost(wx: f32, r: f32) -> f32 {
  let n = u.seqLen;
  var sum = 0.0;
  for (var i = 0u; i < u.samples; i++) {
    var p = 0.0;
    let base = u.offXs + i * n;
    for (var k = 0u; k < n; k++) {
      p = p * r + inp[base + k];
    }
    let e = inp[u.offTargets + i] - wx * p;
    sum += e * e;
  }
  return sum * u.invN;
}

// Cost and gradient over the samples (float32 range only): residuals first, no cancellation.
fn exact_eval(wx: f32, r: f32) -> vec3<f32> {
  let n = u.seqLen;
  var sum = 0.0;
  var gx = 0.0;
  var gr = 0.0;
  for (var i = 0u; i < u.samples; i++) {
    var p = 0.0;
    var dp = 0.0;
    let base = u.offXs + i * n;
    for (var k = 0u; k < n; k++) {
      dp = dp * r + p;
      p = p * r + inp[base + k];
    }
    let e = wx * p - inp[u.offTargets + i];
    sum += e * e;
    gx += e * p;
    gr += e * dp;
  }
  return vec3<f32>(sum, 2.0 * gx, 2.0 * wx * gr) * u.invN;
}

fn finish(cell: u32, s: Cell, cost: f32) {
  finalCostOut[cell] = cost;
  convergedOut[cell] = s.convergedAt;
  divergedOut[cell] = s.divergedAt;
}

fn init_cell(row: u32, col: u32) -> Cell {
  var s: Cell;
  if (u.mode == 0u) {
    s.w = vec2<f32>(inp[u.offAxisX + col], inp[u.offAxisY + row]);
    s.wlo = vec2<f32>(inp[u.offAxisXLo + col], inp[u.offAxisYLo + row]);
  } else {
    s.w = vec2<f32>(u.startX, u.startY);
    s.wlo = vec2<f32>(u.startXLo, u.startYLo);
  }
  if (OPT <= O_IRPROP_PLUS) {
    s.a = vec2<f32>(u.delta0);
  } else {
    s.a = vec2<f32>(0.0);
  }
  s.b = vec2<f32>(0.0);
  s.c = vec2<f32>(0.0);
  s.ea = vec2<i32>(0);
  s.eb = vec2<i32>(0);
  s.prevCost = 1.0;
  s.prevCostE = E_INF;
  s.convergedAt = -1;
  s.divergedAt = -1;
  return s;
}

// Delta * eta with eta = hi + lo (float64 split in two float32s): float32's eta alone (1.2 is
// 1.2000000477) would bias every step the same way, and Delta is a product of hundreds of them.
fn mul_eta(d: vec2<f32>, hi: vec2<f32>, lo: vec2<f32>) -> vec2<f32> {
  return fma(d, hi, d * lo);
}

fn grad_xf(ev: Ev) -> array<XF, 2> {
  if (ev.wide) {
    return array<XF, 2>(ev.gx, ev.gr);
  }
  return array<XF, 2>(xf(ev.g.x), xf(ev.g.y));
}

fn grad_sign(ev: Ev) -> vec2<f32> {
  if (ev.wide) {
    return sign(vec2<f32>(ev.gx.m, ev.gr.m));
  }
  return sign(ev.g);
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

const EV_SLICE_END = 0u;
const EV_PAUSE = 1u;
const EV_EXACT = 2u;
const EV_NON_FINITE = 3u;
const EV_FINAL = 4u;
const EV_LIMIT = 5u;

@compute @workgroup_size(64)
fn atlas_main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // the lean kernel has the coefficients as constants (poly_fast, made by the host)
  if (FULL) {
    load_coefficients(lid);
  }
  workgroupBarrier();

  var s: Cell;
  var li: u32;
  var k = u.kStart;
  if (FULL) {
    if (gid.x >= atomicLoad(&args.count)) {
      return;
    }
    li = list[gid.x];
    s = cells[li];
    k = u32(-2 - s.divergedAt);
    s.divergedAt = -1;
  } else {
    if (u.cellStart + gid.x >= u.cellEnd) {
      return;
    }
    li = u.cellStart + gid.x - u.bandStart;
    if (u.kStart == 0u) {
      let c0 = u.bandStart + li;
      s = init_cell(c0 / u.cols, c0 % u.cols);
    } else {
      s = cells[li];
    }
    if (s.divergedAt >= 0) {
      return;
    }
  }
  let cell = u.bandStart + li;
  let row = cell / u.cols;
  let col = cell % u.cols;

  // per-cell hyperparameters
  var etaP = u.etaPlus;
  var etaM = u.etaMinus;
  var etaPLo = u.etaPlusLo;
  var etaMLo = u.etaMinusLo;
  var lr2 = vec2<f32>(u.lr, u.lrWRec);
  if (u.mode == 1u) {
    if (OPT <= O_IRPROP_PLUS) {
      etaP = inp[u.offAxisX + col];
      etaM = inp[u.offAxisY + row];
      etaPLo = inp[u.offAxisXLo + col];
      etaMLo = inp[u.offAxisYLo + row];
    } else {
      lr2 = vec2<f32>(inp[u.offAxisX + col], inp[u.offAxisY + row]);
    }
  }

  // Rare work (a sum of squares over the samples, the end of a run, the pause) is done outside
  // the hot loop: on SwiftShader, nested loops inside it make every iteration several times
  // slower, and a loop left early by one invocation makes the others of its SIMD group wait.
  var event = EV_SLICE_END;
  var settled = 0xffffffffu;  // the iteration whose cost < tol is already decided exactly
  // iterations whose cost < tol waits for the sum of squares (at most two)
  var nCand = 0u;
  var candK0 = 0u;
  var candK1 = 0u;
  var candW0 = vec2<f32>(0.0);
  var candW1 = vec2<f32>(0.0);
  var wk = s.w;  // w_k of the event
  var costK = 0.0;  // its cost (the float32 estimate, or the XF one rounded where wide)
  var wideK = false;
  loop {
    loop {
      if (k >= u.kEnd) {
        event = EV_SLICE_END;
        break;
      }
      if (!FULL && (abs(s.w.y) > u.rFast || abs(s.w.x) > 2097152.0)) {
        event = EV_PAUSE;
        break;
      }
      var ev = evaluate(s.w);
      if (OPT >= O_SGD && !ev.wide && ev.cost <= 1000.0 * ev.err) {
        // gradient descent crawls along the valley on the small differences that the quadratic
        // form rounds away near the minimum: there the cost and gradient come from the samples
        // (a nested loop in the hot loop: these kernels are slower there)
        let x = exact_eval(s.w.x, s.w.y);
        ev.cost = x.x;
        ev.g = x.yz;
        ev.err = 0.0;
      }
      wk = s.w;
      costK = ev.cost;
      wideK = ev.wide;
      if (!ev.finite) {
        event = EV_NON_FINITE;
        break;
      }
      if (s.convergedAt < 0 && k != settled) {
        if (!ev.wide && abs(ev.cost - u.tol) <= ev.err) {
          // within the quadratic form's rounding of tol: the sum of squares decides, after the
          // loop (two such iterations wait there; a third one stops the loop)
          event = EV_EXACT;
          break;
        } else if (ev.cost < u.tol) {
          s.convergedAt = i32(k);
        }
      }
      if (k == u.iterations) {
        event = EV_FINAL;
        break;
      }

      // one step of the optimiser: w_k -> w_{k+1}
      var dw = vec2<f32>(0.0);
      if (OPT == O_RPROP) {
        let sg = grad_sign(ev);
        let same = sg == s.b;
        s.a = min(mul_eta(s.a, select(vec2<f32>(etaM), vec2<f32>(etaP), same), select(vec2<f32>(etaMLo), vec2<f32>(etaPLo), same)), vec2<f32>(1e30));
        s.b = sg;
        dw -= sg * s.a;
      } else if (OPT == O_RPROP_MINUS || OPT == O_IRPROP_MINUS) {
        var sg = grad_sign(ev);
        let p = sg * s.b;
        s.a = select(s.a, max(mul_eta(s.a, vec2<f32>(etaM), vec2<f32>(etaMLo)), vec2<f32>(u.deltaMin)), p < vec2<f32>(0.0));
        s.a = select(s.a, min(mul_eta(s.a, vec2<f32>(etaP), vec2<f32>(etaPLo)), vec2<f32>(u.deltaMax)), p > vec2<f32>(0.0));
        if (OPT == O_IRPROP_MINUS) {
          sg = select(sg, vec2<f32>(0.0), p < vec2<f32>(0.0));
        }
        dw -= sg * s.a;
        s.b = sg;
      } else if (OPT == O_RPROP_PLUS || OPT == O_IRPROP_PLUS) {
        let sg = grad_sign(ev);
        let p = sg * s.b;
        let up = p > vec2<f32>(0.0);
        let down = p < vec2<f32>(0.0);
        s.a = select(s.a, min(mul_eta(s.a, vec2<f32>(etaP), vec2<f32>(etaPLo)), vec2<f32>(u.deltaMax)), up);
        s.a = select(s.a, max(mul_eta(s.a, vec2<f32>(etaM), vec2<f32>(etaMLo)), vec2<f32>(u.deltaMin)), down);
        var undo = down;
        if (OPT == O_IRPROP_PLUS) {
          // E_k > E_{k-1} decides the undo. Where the quadratic form's rounding is more than
          // 1e-3 of the cost (near the minimum) it is a sum of squares over the samples instead
          // (a nested loop in the hot loop: irprop+ is the slowest kernel, about 3x).
          var costX = ev.costX;
          if (!ev.wide) {
            var c = ev.cost;
            if (c <= 1000.0 * ev.err) {
              c = exact_cost(s.w.x, s.w.y);
            }
            costX = xf(c);
          }
          let worse = s.prevCostE != E_INF && xf_greater(costX, XF(s.prevCost, s.prevCostE));
          undo = down & vec2<bool>(worse);
          s.prevCost = costX.m;
          s.prevCostE = costX.e;
        }
        let stepP = select(-sg * s.a, vec2<f32>(0.0), down);
        dw = stepP - select(vec2<f32>(0.0), s.c, undo);
        s.b = select(sg, vec2<f32>(0.0), down);
        s.c = stepP;
      } else if (OPT == O_SGD) {
        if (ev.wide) {
          dw -= vec2<f32>(xf_to_step(xf_scale(ev.gx, lr2.x)), xf_to_step(xf_scale(ev.gr, lr2.y)));
        } else {
          dw -= lr2 * ev.g;
        }
      } else if (OPT == O_CLIP) {
        var g = ev.g;
        var e = 0;
        if (ev.wide) {
          e = max(ev.gx.e, ev.gr.e);
          g = vec2<f32>(ldexp(ev.gx.m, max(ev.gx.e - e, -140)), ldexp(ev.gr.m, max(ev.gr.e - e, -140)));
        }
        // the norm of g * 2^e, without overflow
        let mx = max(abs(g.x), abs(g.y));
        if (mx > 0.0) {
          let gs = g / mx;
          let nrmS = sqrt(dot(gs, gs));
          let clipS = ldexp(u.clip / mx, -e);  // clip in units of mx * 2^e
          if (e > 60 || nrmS >= clipS) {
            g = gs * (u.clip / nrmS);
          } else if (e != 0) {
            g = ldexp(g, vec2<i32>(e));
          }
          dw -= lr2 * g;
        }
      } else if (OPT == O_MOMENTUM) {
        let g = grad_xf(ev);
        var bx = g[0];
        var br = g[1];
        if (k != 0u) {
          bx = xf_add(xf_scale(XF(s.a.x, s.ea.x), u.momentum), g[0]);
          br = xf_add(xf_scale(XF(s.a.y, s.ea.y), u.momentum), g[1]);
        }
        s.a = vec2<f32>(bx.m, br.m);
        s.ea = vec2<i32>(bx.e, br.e);
        dw -= vec2<f32>(xf_to_step(xf_scale(bx, lr2.x)), xf_to_step(xf_scale(br, lr2.y)));
      } else if (OPT == O_ADAM) {
        let g = grad_xf(ev);
        let bc = vec2<f32>(inp[u.offBias + 2u * k], inp[u.offBias + 2u * k + 1u]);
        var step = vec2<f32>(0.0);
        for (var j = 0; j < 2; j++) {
          let m = xf_add(xf_scale(XF(s.a[j], s.ea[j]), u.beta1), xf_scale(g[j], u.oneMinusBeta1));
          var v = XF(s.b[j], s.eb[j]);
          // float64 computes (1 - beta2) * g * g; where that or v overflows, v = Infinity from
          // then on and the step m / Infinity = 0 (the weight stays)
          let g2 = xf_scale(xf_mul(g[j], g[j]), u.oneMinusBeta2);
          if (v.e != E_INF) {
            if (g2.e > F64_EXP) {
              v = XF(1.0, E_INF);
            } else {
              v = xf_add(xf_scale(v, u.beta2), g2);
              if (v.e > F64_EXP) {
                v = XF(1.0, E_INF);
              }
            }
          }
          if (v.e != E_INF) {
            let den = xf_add(xf_sqrt(xf_scale(v, bc.y)), xf(u.eps));
            step[j] = lr2[j] * xf_to_step(xf_div(xf_scale(m, bc.x), den));
          }
          s.a[j] = m.m;
          s.ea[j] = m.e;
          s.b[j] = v.m;
          s.eb[j] = v.e;
        }
        dw -= step;
      }
      // w_{k+1} = w_k + dw with the rounding error carried in wlo (TwoSum): float32 alone would
      // round away steps below its resolution, and small learning rates make many of them
      let y = dw + s.wlo;
      let t = s.w + y;
      let bb = t - s.w;
      s.wlo = (s.w - (t - bb)) + (y - bb);
      s.w = t;
      if (!(abs(t.x) <= DIVERGENCE_LIMIT && abs(t.y) <= DIVERGENCE_LIMIT)) {
        event = EV_LIMIT;
        break;
      }
      k++;
    }
    // the waiting iterations, earliest first: an earlier one beats a later cost < tol
    if (nCand > 0u) {
      if (exact_cost(candW0.x, candW0.y) < u.tol) {
        s.convergedAt = i32(candK0);
      } else if (nCand > 1u && exact_cost(candW1.x, candW1.y) < u.tol) {
        s.convergedAt = i32(candK1);
      }
      nCand = 0u;
    }
    if (event != EV_EXACT) {
      break;
    }
    if (s.convergedAt < 0 && exact_cost(wk.x, wk.y) < u.tol) {
      s.convergedAt = i32(k);
    }
    settled = k;
  }

  if (event == EV_PAUSE) {
    // beyond the lean kernel: the full kernel goes on from here
    s.divergedAt = -2 - i32(k);
    let at = atomicAdd(&args.count, 1u);
    list[at] = li;
    if (at % 64u == 0u) {
      atomicAdd(&args.groups, 1u);
    }
  } else if (event == EV_NON_FINITE) {
    s.divergedAt = i32(k);
    finish(cell, s, costK);
  } else if (event == EV_FINAL || event == EV_LIMIT) {
    // the final cost is the cost at the last evaluated iterate, w_k (src/model/atlas.ts)
    if (event == EV_LIMIT) {
      s.divergedAt = i32(k + 1u);
    }
    if (!wideK) {
      costK = exact_cost(wk.x, wk.y);
    }
    finish(cell, s, costK);
  }
  cells[li] = s;
}
