// The atlas's cost and gradient: the row factorisation. y_i = wx P_i(r) with r = wRec and
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
  // eval_fast's C(r) and C'(r) (the residual form's too)
  c: f32,
  dc: f32,
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

// Where the lean kernel pauses a cell for the full one: beyond rFast (its bound for any wx up to
// 2^21), and in the generic lean kernel (the full kernel's own polynomial code, the seqLen sweep's)
// only where the full kernel would go wide, which keeps a quarter of the cells lean at length 40.
fn lean_pauses(w: vec2<f32>) -> bool {
  if (GENERIC_POLY) {
    return needs_wide(w.x, w.y);
  }
  return abs(w.y) > u.rFast || abs(w.x) > 2097152.0;
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
  ev.c = c;
  ev.dc = dc;
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

// The second opinion near the minimum, before the sum over the samples: the residual form.
// Where the targets count the ones (t_i = P_i(1)), e_i = wx P_i(r) - t_i = w P_i(r) + d Q_i(r)
// with w = wx - 1, d = r - 1 and Q_i(r) = (P_i(r) - P_i(1)) / (r - 1), so
//   N cost = w^2 C + 2 w d E + d^2 F,   E = sum_i P_i Q_i,  F = sum_i Q_i^2,
// all three with non-negative integer coefficients (src/gpu/atlas/inputs.ts). No T cancels:
// at r >= 0 each polynomial sums terms of one sign, so the rounding stays below
// (4n + 24) u (w^2 C + 2 |w d| E + d^2 F) / N, which shrinks with the cost toward (1, 1), where
// the quadratic form's bound stays at about 4n u T / N. O(n) work against the sum's O(n N).
fn resid_eval(wx: f32, r: f32, ev: Ev) -> Resid {
  var q: Resid;
  q.ok = u.offResid > 0u && r >= 0.0 && !ev.wide;
  if (!q.ok) {
    return q;
  }
  let n = u.seqLen;
  // E: 2n - 2 coefficients from offResid, F: 2n - 3 after them
  let fBase = u.offResid + 2u * n - 2u;
  var e = inp[fBase - 1u];
  var de = 0.0;
  for (var m = fBase - 1u; m > u.offResid; m--) {
    de = de * r + e;
    e = e * r + inp[m - 1u];
  }
  let fTop = fBase + 2u * n - 4u;
  var f = inp[fTop];
  var df = 0.0;
  for (var m = fTop; m > fBase; m--) {
    df = df * r + f;
    f = f * r + inp[m - 1u];
  }
  let w = wx - 1.0;
  let d = r - 1.0;
  let wc = w * ev.c;
  let de2 = d * e;
  q.cost = (w * wc + 2.0 * w * de2 + d * d * f) * u.invN;
  q.err = f32(4u * n + 24u) * U32F * (w * wc + 2.0 * abs(w * de2) + d * d * f) * u.invN;
  q.g = vec2<f32>(2.0 * (wc + de2) * u.invN, (w * w * ev.dc + 2.0 * w * (e + d * de) + 2.0 * d * f + d * d * df) * u.invN);
  return q;
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
