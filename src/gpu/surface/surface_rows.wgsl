// The fast surface method, pass 1 of 2: one invocation per grid row (fixed wRec).
// With P_i(r) = sum_k x_ik r^(n-k) the final state is y_i = wx P_i, so on a row the cost is
//   R + C (wx - wx*)^2,  wxGrad = 2 C (wx - wx*),  wRecGrad = 2 wx (wx D - E)
// with C = sum P_i^2 / N, wx* = sum t_i P_i / sum P_i^2, D = sum P_i P_i' / N, E = sum t_i P_i' / N
// and R = sum (t_i - wx* P_i)^2 / N >= 0. The Hessian (SPEC section 10) on the row:
//   Hxx = 2 C,  Hxy = 2 (2 wx D - E),  Hyy = 2 wx (wx K - H)
// with K = sum (P_i'^2 + P_i P_i'') / N and H = sum t_i P_i'' / N. The sums are taken over P scaled by a power of two so
// that they stay in float32; the exponents travel in XF values.

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts; rows
// whose numbers leave float32, see RowCoef.safe, are listed in fixupRows and fixup.y counts them)

// false: the sharpness is not asked for: P'' and the sums K and H are left out (zero, P'' = 0), so
// a row's safety follows its cost and gradient alone, as before the Hessian was added
override SHARPNESS: bool = true;

struct FixupArgs {
  x: u32,
  y: atomic<u32>,
  z: u32,
}

struct Poly {
  p: XF,
  dp: XF,
  ddp: XF,
}

// P_i(r), P_i'(r) and P_i''(r) by Horner. Plain float32 where |r|^n cannot overflow, XF beyond.
fn poly(i: u32, r: f32, wide: bool) -> Poly {
  let n = u.seqLen;
  let base = i * n;
  if (!wide) {
    var p = 0.0;
    var dp = 0.0;
    var ddp = 0.0;
    if (!SHARPNESS) {
      for (var k = 0u; k < n; k++) {
        dp = dp * r + p;
        p = p * r + xs[base + k];
      }
      return Poly(xf(p), xf(dp), XF_ZERO);
    }
    for (var k = 0u; k < n; k++) {
      ddp = ddp * r + 2.0 * dp;
      dp = dp * r + p;
      p = p * r + xs[base + k];
    }
    return Poly(xf(p), xf(dp), xf(ddp));
  }
  let rx = xf(r);
  var p = XF_ZERO;
  var dp = XF_ZERO;
  var ddp = XF_ZERO;
  for (var k = 0u; k < n; k++) {
    ddp = xf_add(xf_mul(ddp, rx), xf_scale(dp, 2.0));
    dp = xf_add(xf_mul(dp, rx), p);
    p = xf_add(xf_mul(p, rx), xf(xs[base + k]));
  }
  return Poly(p, dp, ddp);
}

// a * 2^-shift as float32 (a's exponent is at most shift, so the result is at most 1)
fn scaled(a: XF, shift: i32) -> f32 {
  let e = a.e - shift;
  if (a.m == 0.0 || e < -126) {
    return 0.0;
  }
  return ldexp(a.m, e);
}

// Cauchy-Schwarz gives C wx*^2 <= mean(t^2), so with these exponents no float32 step of the
// plain per-point formula can overflow for |wx| <= 10 (WEIGHT_LIMIT in src/params.ts); the
// Hessian's entries stay below 2^62 there, so the sharpness's squares and products stay in float32.
fn row_safe(rc: RowCoef) -> u32 {
  let cOk = rc.C.m == 0.0 || (rc.C.e >= -100 && rc.C.e <= 61);
  return select(0u, 1u, cOk && rc.D.e <= 55 && rc.E.e <= 60 && rc.K.e <= 52 && rc.H.e <= 56);
}

@compute @workgroup_size(64)
fn surface_rows(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.x;
  if (row >= u.res) {
    return;
  }
  let r = wRecAxis[row];
  let N = u.samples;
  let nf = f32(N);
  let wide = f32(u.seqLen) * log2(max(abs(r), 1.0)) > 90.0;

  // Pass A: the largest exponents of P and P' over the samples set the scale.
  var eP = -100000;
  var eQ = -100000;
  var eS = -100000;
  for (var i = 0u; i < N; i++) {
    let q = poly(i, r, wide);
    if (q.p.m != 0.0) { eP = max(eP, q.p.e); }
    if (q.dp.m != 0.0) { eQ = max(eQ, q.dp.e); }
    if (q.ddp.m != 0.0) { eS = max(eS, q.ddp.e); }
  }
  if (eP == -100000) { eP = 0; }
  if (eQ == -100000) { eQ = 0; }
  if (eS == -100000) { eS = 0; }

  // Pass B: the scaled sums, every term at most 1 in magnitude (times t).
  var cS = 0.0;
  var bS = 0.0;
  var dS = 0.0;
  var eSum = 0.0;
  var kQ = 0.0;  // sum P'^2 * 2^-2eQ
  var kS = 0.0;  // sum P P'' * 2^-(eP + eS)
  var hS = 0.0;  // sum t P'' * 2^-eS
  for (var i = 0u; i < N; i++) {
    let q = poly(i, r, wide);
    let p = scaled(q.p, eP);
    let dp = scaled(q.dp, eQ);
    let ddp = scaled(q.ddp, eS);
    let t = targets[i];
    cS += p * p;
    bS += t * p;
    dS += p * dp;
    eSum += t * dp;
    kQ += select(0.0, dp * dp, SHARPNESS);  // (without the sharpness K and H stay zero)
    kS += p * ddp;
    hS += t * ddp;
  }
  var starS = 0.0;  // wx* * 2^eP
  if (cS > 0.0) {
    starS = bS / cS;
  }

  // Pass C: the least cost on the row as a sum of squares (never negative, no cancellation).
  var rSum = 0.0;
  for (var i = 0u; i < N; i++) {
    let q = poly(i, r, wide);
    let e = targets[i] - starS * scaled(q.p, eP);
    rSum += e * e;
  }

  var rc: RowCoef;
  rc.R = rSum / nf;
  rc.C = xf_norm(cS / nf, 2 * eP);
  rc.wxStar = xf_norm(starS, -eP);
  rc.D = xf_norm(dS / nf, eP + eQ);
  rc.E = xf_norm(eSum / nf, eQ);
  rc.K = xf_add(xf_norm(kQ / nf, 2 * eQ), xf_norm(kS / nf, eP + eS));
  rc.H = xf_norm(hS / nf, eS);
  rc.safe = row_safe(rc);
  rc.CF = xf_to_f32(rc.C, u.infBits);
  rc.wxStarF = xf_to_f32(rc.wxStar, u.infBits);
  rc.DF = xf_to_f32(rc.D, u.infBits);
  rc.EF = xf_to_f32(rc.E, u.infBits);
  rows[row] = rc;
  rowsF32[2u * row] = vec4<f32>(rc.R, rc.CF, rc.wxStarF, 0.0);
  rowsF32[2u * row + 1u] = vec4<f32>(rc.DF, rc.EF, xf_to_f32(rc.K, u.infBits), xf_to_f32(rc.H, u.infBits));
  if (rc.safe == 0u) {
    fixupRows[atomicAdd(&fixup.y, 1u)] = row;
  }
}
