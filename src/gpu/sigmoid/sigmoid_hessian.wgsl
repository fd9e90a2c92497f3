// The sigmoid unit's sharpness (SPEC sections 10 and 12): the largest eigenvalue of the Hessian
// of E in (w, b), in float32, by forward-mode second derivatives of x_t (the float64 model:
// SigmoidUnit.hessian in src/model/models/sigmoid/unit.ts). Needs sigmoid.wgsl (sig_exp).
//
// Where the unit saturates (the plateau, and the bistable side of the cliff) x_t depends on (w, b)
// almost only through w s* + b: the Hessian is nearly rank one and its largest eigenvalue can be
// 1e-7 of its norm, below what float32 entries resolve (H's determinant cancels). So the pass
// works in coordinates (p, q) = (w, b + sig w) with sig = s(x_steps) from the forward pass, in
// which that direction is an axis: dx/dp = (s - sig) + m dx/dp is small and exact-ish, the
// rotated Hessian Hr = J^-T H J^-1 has the same determinant (det J = 1), and H = J^T Hr J with
// J = [[1, 0], [sig, 1]] gives its entries back.

// The rotated Hessian [Hpp, Hpq, Hqq] at (w, b): a = dx/dp, c = dx/db (= dx/dq), second
// derivatives aa, ac, cc carried forward step by step (the exponential only while x_t still moves),
// until the whole state repeats in float32.
fn sig_hessian_rotated(w: f32, b: f32, x0: f32, goal: f32, steps: u32, sig: f32, sigc: f32) -> vec3<f32> {
  let n = min(steps, SIG_MAX_STEPS);
  let upper = sig > 0.5;
  var x = x0;
  var q = sig_exp(x0);
  var a = 0.0;
  var c = 0.0;
  var aa = 0.0;
  var ac = 0.0;
  var cc = 0.0;
  for (var t = 0u; t < n; t++) {
    let s = 1.0 / (1.0 + q);
    let s1 = s * (q * s);
    // s'' = s' (1 - 2 s) = s' (q - 1) s
    let ws2 = w * (s1 * ((q - 1.0) * s));
    let m = w * s1;
    let naa = 2.0 * s1 * a + ws2 * a * a + m * aa;
    let nac = s1 * c + ws2 * a * c + m * ac;
    let ncc = ws2 * c * c + m * cc;
    // s - sig, near 1 as (1 - sig) - (1 - s) with 1 - s = q s (no cancellation of two roundings of 1)
    let na = select(s - sig, sigc - q * s, upper) + m * a;
    let nc = 1.0 + m * c;
    let xn = w * s + b;
    // the whole state repeats: so would every later step (exactly the numbers of running to n)
    if (xn == x && na == a && nc == c && naa == aa && nac == ac && ncc == cc) {
      break;
    }
    aa = naa;
    ac = nac;
    cc = ncc;
    a = na;
    c = nc;
    if (xn != x) {
      x = xn;
      q = sig_exp(x);
    }
  }
  let s = 1.0 / (1.0 + q);
  let s1 = s * (q * s);
  let e = s - goal;
  let f1 = 2.0 * e * s1;
  let f2 = 2.0 * s1 * s1 + 2.0 * e * (s1 * ((q - 1.0) * s));
  return vec3<f32>(f2 * a * a + f1 * aa, f2 * a * c + f1 * ac, f2 * c * c + f1 * cc);
}

// The largest eigenvalue of H at (w, b), xn = x_steps from sig_forward. Entries scaled by their
// largest magnitude (no overflow in the squares); m + r where the mean curvature m >= 0, else
// det / (m - r) with det taken from the rotated Hessian (no cancellation). Infinity stays infinity.
fn sig_sharpness(w: f32, b: f32, x0: f32, goal: f32, steps: u32, xn: f32) -> f32 {
  let qn = sig_exp(xn);
  let sig = 1.0 / (1.0 + qn);
  let hr = sig_hessian_rotated(w, b, x0, goal, steps, sig, qn * sig);
  let h = vec3<f32>(hr.x + sig * (2.0 * hr.y + sig * hr.z), hr.y + sig * hr.z, hr.z);
  let k = max(max(abs(h.x), abs(h.y)), abs(h.z));
  let kr = max(max(abs(hr.x), abs(hr.y)), abs(hr.z));
  if (k == 0.0 || k > 3.0e38 || kr > 3.0e38) {
    return max(k, kr);
  }
  let sh = h / k;
  let mean = 0.5 * sh.x + 0.5 * sh.z;
  let half = 0.5 * sh.x - 0.5 * sh.z;
  let r = sqrt(half * half + sh.y * sh.y);
  if (mean >= 0.0) {
    return (mean + r) * k;
  }
  let sr = hr / kr;
  let det = (sr.x * sr.z - sr.y * sr.y) * (kr / k) * (kr / k);
  return det / (mean - r) * k;
}
