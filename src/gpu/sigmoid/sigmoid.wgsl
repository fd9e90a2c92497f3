// One sigmoid unit (SPEC section 12; Pascanu et al. 2013) in float32: x_0 = x0,
// x_t = w s(x_{t-1}) + b, E = (s(x_steps) - target)^2, gradients by backpropagation through time
// (the float64 model: src/model/models/sigmoid/unit.ts). Each kernel that includes this file
// defines sig_time(k, g): where g_k = dE/dx_k goes (or nowhere).

const SIG_MAX_STEPS = 200u;
// q_t = e^-x_t for t = 0..steps of the point being evaluated: s = 1 / (1 + q) and
// s' = s (1 - s) = s (q s), which keeps its relative accuracy where s rounds to 1 in float32
var<private> sig_q: array<f32, 201>;

// e^-x capped at e^80 (no infinity: s is then 1.8e-35)
fn sig_exp(x: f32) -> f32 {
  return exp(min(-x, 80.0));
}

struct SigEval {
  cost: f32,
  gw: f32,
  gb: f32,
}

// E and its gradient at (w, b); g_k into sig_time(k, g) when `time` is true.
fn sig_bptt(w: f32, b: f32, x0: f32, goal: f32, steps: u32, time: bool) -> SigEval {
  let n = min(steps, SIG_MAX_STEPS);
  var q = sig_exp(x0);
  sig_q[0] = q;
  for (var t = 1u; t <= n; t++) {
    q = sig_exp(w / (1.0 + q) + b);
    sig_q[t] = q;
  }
  let sn = 1.0 / (1.0 + q);
  let e = sn - goal;
  var g = 2.0 * e * (sn * (q * sn));
  if (time) {
    sig_time(n, g);
  }
  var gw = 0.0;
  var gb = 0.0;
  for (var t = n; t >= 1u; t--) {
    let qp = sig_q[t - 1u];
    let sp = 1.0 / (1.0 + qp);
    gw += g * sp;
    gb += g;
    g = g * w * (sp * (qp * sp));
    if (time) {
      sig_time(t - 1u, g);
    }
  }
  return SigEval(e * e, gw, gb);
}
