// One sigmoid unit (SPEC section 12; Pascanu et al. 2013) in float32: x_0 = x0,
// x_t = w s(x_{t-1}) + b, E = (s(x_steps) - target)^2 (the float64 model:
// src/model/models/sigmoid/unit.ts). Here E and its gradient in one forward pass (the surface and
// the atlas); bptt.wgsl adds g_k = dE/dx_k by backpropagation (the points).

const SIG_MAX_STEPS = 200u;

// e^-x capped at e^80 (no infinity: s is then 1.8e-35). With q = e^-x, s = 1 / (1 + q) and
// s' = s (1 - s) = s (q s), which keeps its relative accuracy where s rounds to 1 in float32.
fn sig_exp(x: f32) -> f32 {
  return exp(min(-x, 80.0));
}

struct SigEval {
  cost: f32,
  gw: f32,
  gb: f32,
  // |dx_steps/db|: how much the unit amplifies a change of its state (sig_forward; bptt: 0)
  sens: f32,
  // the last state x_steps (sig_forward; bptt: 0): the sharpness pass's rotation (sigmoid_hessian.wgsl)
  x: f32,
}

// (m^r, 1 + m + ... + m^(r-1)) for r < 256 by binary powering: 8 rounded products and sums,
// where r repeated steps of d <- 1 + m d would round r times. Straight-line code (selects, no
// loop): on SwiftShader a loop nested in the atlas's hot loop slows every iteration.
fn sig_geometric(m: f32, r: u32) -> vec2<f32> {
  // where |m| <= 1/2 and r >= 24, m^r <= 2^-24: p is 0 and the sum 1 / (1 - m), both within
  // float32's rounding (the common case: the saturated unit's m is small)
  if (r >= 24u && abs(m) <= 0.5) {
    return vec2<f32>(0.0, 1.0 / (1.0 - m));
  }
  var p = 1.0;
  var sum = 0.0;
  var bp = m;
  var bs = 1.0;
  for (var i = 0u; i < 8u; i++) {
    let on = ((r >> i) & 1u) != 0u;
    sum = select(sum, sum + p * bs, on);
    p = select(p, p * bp, on);
    bs = bs + bp * bs;
    bp = bp * bp;
  }
  return vec2<f32>(p, sum);
}

// E and its gradient at (w, b) by forward-mode derivatives: a_t = dx_t/dw = s + m a_{t-1} and
// c_t = dx_t/db = 1 + m c_{t-1} with m = w s'(x_{t-1}), carried beside x_t (no array). Once
// x_t = x_{t-1} in float32 every later step repeats this one (same s and m): the remaining r
// steps of a and c are a geometric sum, and the loop ends (most points of the default range
// reach their float32 fixed point well before 50 steps).
fn sig_forward(w: f32, b: f32, x0: f32, goal: f32, steps: u32) -> SigEval {
  let n = min(steps, SIG_MAX_STEPS);
  var x = x0;
  var q = sig_exp(x0);
  var a = 0.0;
  var c = 0.0;
  var t = 0u;
  var s = 0.0;
  var m = 0.0;
  loop {
    if (t >= n) {
      break;
    }
    s = 1.0 / (1.0 + q);
    m = w * (s * (q * s));
    let xn = w * s + b;
    a = s + m * a;
    c = 1.0 + m * c;
    t = t + 1u;
    if (xn == x) {
      break;
    }
    x = xn;
    q = sig_exp(x);
  }
  // the steps t + 1..n, each the same as step t (none where the loop ran to n)
  let pg = sig_geometric(m, n - t);
  a = pg.x * a + s * pg.y;
  c = pg.x * c + pg.y;
  let sn = 1.0 / (1.0 + q);
  let e = sn - goal;
  let f1 = 2.0 * e * (sn * (q * sn));
  return SigEval(e * e, f1 * a, f1 * c, abs(c), x);
}
