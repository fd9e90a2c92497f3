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
  pad0: u32,
  pad1: u32,
  pad2: u32,
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
}

// One cell's run between dispatches (64 bytes).
struct Cell {
  w: vec2<f32>,
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
  let gC = (u.degC + 4u) / 4u;
  let gB = (n + 3u) / 4u;
  // Horner with the derivative, highest degree first
  var c = 0.0;
  var dc = 0.0;
  for (var g = gC; g > 0u; g--) {
    let v = wc4[g - 1u];
    dc = dc * r + c;
    c = c * r + v.w;
    dc = dc * r + c;
    c = c * r + v.z;
    dc = dc * r + c;
    c = c * r + v.y;
    dc = dc * r + c;
    c = c * r + v.x;
  }
  var b = 0.0;
  var db = 0.0;
  for (var g = gC + gB; g > gC; g--) {
    let v = wc4[g - 1u];
    db = db * r + b;
    b = b * r + v.w;
    db = db * r + b;
    b = b * r + v.z;
    db = db * r + b;
    b = b * r + v.y;
    db = db * r + b;
    b = b * r + v.x;
  }
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

fn cost_of(ev: Ev, w: vec2<f32>) -> f32 {
  if (ev.wide) {
    return ev.cost;
  }
  return exact_cost(w.x, w.y);
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
  } else {
    s.w = vec2<f32>(u.startX, u.startY);
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

@compute @workgroup_size(64)
fn atlas_main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
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
  var lr2 = vec2<f32>(u.lr);
  if (u.mode == 1u) {
    if (OPT <= O_IRPROP_PLUS) {
      etaP = inp[u.offAxisX + col];
      etaM = inp[u.offAxisY + row];
    } else {
      lr2 = vec2<f32>(inp[u.offAxisX + col], inp[u.offAxisY + row]);
    }
  }

  loop {
    if (k >= u.kEnd) {
      break;
    }
    if (!FULL && (abs(s.w.y) > u.rFast || abs(s.w.x) > 2097152.0)) {
      // beyond the lean kernel: the full kernel goes on from here
      s.divergedAt = -2 - i32(k);
      let at = atomicAdd(&args.count, 1u);
      list[at] = li;
      if (at % 64u == 0u) {
        atomicAdd(&args.groups, 1u);
      }
      break;
    }
    let ev = evaluate(s.w);
    if (!ev.finite) {
      s.divergedAt = i32(k);
      finish(cell, s, ev.cost);
      break;
    }
    var exact = -1.0;
    if (s.convergedAt < 0) {
      var c = ev.cost;
      if (!ev.wide && abs(c - u.tol) <= ev.err) {
        exact = exact_cost(s.w.x, s.w.y);
        c = exact;
      }
      if (c < u.tol) {
        s.convergedAt = i32(k);
      }
    }
    if (k == u.iterations) {
      if (exact < 0.0) {
        exact = cost_of(ev, s.w);
      }
      finish(cell, s, exact);
      break;
    }

    // one step of the optimiser: w_k -> w_{k+1}
    let wk = s.w;
    var w = s.w;
    if (OPT == O_RPROP) {
      let sg = grad_sign(ev);
      s.a = min(s.a * select(vec2<f32>(etaM), vec2<f32>(etaP), sg == s.b), vec2<f32>(1e30));
      s.b = sg;
      w -= sg * s.a;
    } else if (OPT == O_RPROP_MINUS || OPT == O_IRPROP_MINUS) {
      var sg = grad_sign(ev);
      let p = sg * s.b;
      s.a = select(s.a, max(s.a * etaM, vec2<f32>(u.deltaMin)), p < vec2<f32>(0.0));
      s.a = select(s.a, min(s.a * etaP, vec2<f32>(u.deltaMax)), p > vec2<f32>(0.0));
      if (OPT == O_IRPROP_MINUS) {
        sg = select(sg, vec2<f32>(0.0), p < vec2<f32>(0.0));
      }
      w -= sg * s.a;
      s.b = sg;
    } else if (OPT == O_RPROP_PLUS || OPT == O_IRPROP_PLUS) {
      let sg = grad_sign(ev);
      let p = sg * s.b;
      let up = p > vec2<f32>(0.0);
      let down = p < vec2<f32>(0.0);
      s.a = select(s.a, min(s.a * etaP, vec2<f32>(u.deltaMax)), up);
      s.a = select(s.a, max(s.a * etaM, vec2<f32>(u.deltaMin)), down);
      var undo = down;
      if (OPT == O_IRPROP_PLUS) {
        var costX: XF;
        if (ev.wide) {
          costX = ev.costX;
        } else {
          var c = ev.cost;
          // near the minimum the cancellation error matters for E_k > E_{k-1}: sum of squares
          if (abs(c) <= 64.0 * ev.err) {
            if (exact < 0.0) {
              exact = exact_cost(s.w.x, s.w.y);
            }
            c = exact;
          }
          costX = xf(c);
        }
        let worse = s.prevCostE != E_INF && xf_greater(costX, XF(s.prevCost, s.prevCostE));
        undo = down & vec2<bool>(worse);
        s.prevCost = costX.m;
        s.prevCostE = costX.e;
      }
      let dw = select(-sg * s.a, vec2<f32>(0.0), down);
      w = select(w + dw, w, down);
      w = select(w, w - s.c, undo);
      s.b = select(sg, vec2<f32>(0.0), down);
      s.c = dw;
    } else if (OPT == O_SGD) {
      if (ev.wide) {
        w -= vec2<f32>(xf_to_step(xf_scale(ev.gx, lr2.x)), xf_to_step(xf_scale(ev.gr, lr2.y)));
      } else {
        w -= lr2 * ev.g;
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
        w -= lr2 * g;
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
      w -= vec2<f32>(xf_to_step(xf_scale(bx, lr2.x)), xf_to_step(xf_scale(br, lr2.y)));
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
      w -= step;
    }
    s.w = w;
    if (!(abs(w.x) <= DIVERGENCE_LIMIT && abs(w.y) <= DIVERGENCE_LIMIT)) {
      // diverged = k + 1; the final cost stays the cost at w_k (src/model/atlas.ts)
      s.divergedAt = i32(k + 1u);
      if (exact < 0.0) {
        exact = cost_of(ev, wk);
      }
      finish(cell, s, exact);
      break;
    }
    k++;
  }
  cells[li] = s;
}
