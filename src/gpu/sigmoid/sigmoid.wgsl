// One sigmoid unit (SPEC section 12; Pascanu et al. 2013) in float32: x_0 = x0,
// x_t = w s(x_{t-1}) + b, E = (s(x_steps) - target)^2, gradients by backpropagation through time
// (the float64 model: src/model/models/sigmoid/unit.ts). Each kernel that includes this file
// defines sig_time(k, g): where g_k = dE/dx_k goes (or nowhere).

const SIG_MAX_STEPS = 200u;
// s(x_0) .. s(x_steps) of the point being evaluated
var<private> sig_s: array<f32, 201>;

// s(x) = 1 / (1 + e^-x), with e^-x capped at e^80 (no infinity: s is then 1.8e-35)
fn sig(x: f32) -> f32 {
  return 1.0 / (1.0 + exp(min(-x, 80.0)));
}

struct SigEval {
  cost: f32,
  gw: f32,
  gb: f32,
}

// E and its gradient at (w, b); g_k into sig_time(k, g) when `time` is true.
fn sig_bptt(w: f32, b: f32, x0: f32, target: f32, steps: u32, time: bool) -> SigEval {
  let n = min(steps, SIG_MAX_STEPS);
  var x = x0;
  sig_s[0] = sig(x);
  for (var t = 1u; t <= n; t++) {
    x = w * sig_s[t - 1u] + b;
    sig_s[t] = sig(x);
  }
  let sn = sig_s[n];
  let e = sn - target;
  var g = 2.0 * e * sn * (1.0 - sn);
  if (time) {
    sig_time(n, g);
  }
  var gw = 0.0;
  var gb = 0.0;
  for (var t = n; t >= 1u; t--) {
    let sp = sig_s[t - 1u];
    gw += g * sp;
    gb += g;
    g = g * w * sp * (1.0 - sp);
    if (time) {
      sig_time(t - 1u, g);
    }
  }
  return SigEval(e * e, gw, gb);
}
