// The sigmoid unit's E, gradient and g_k = dE/dx_k for k = 0..steps by backpropagation through
// time (SPEC section 12), float32, for the points kernel (the gradient-over-time plot). Each
// kernel that includes this file defines sig_time(k, g): where g_k goes. Needs sigmoid.wgsl.

// q_t = e^-x_t for t = 0..steps of the point being evaluated
var<private> sig_q: array<f32, 201>;

// E and its gradient at (w, b); g_k into sig_time(k, g).
fn sig_bptt(w: f32, b: f32, x0: f32, goal: f32, steps: u32) -> SigEval {
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
  sig_time(n, g);
  var gw = 0.0;
  var gb = 0.0;
  for (var t = n; t >= 1u; t--) {
    let qp = sig_q[t - 1u];
    let sp = 1.0 / (1.0 + qp);
    gw += g * sp;
    gb += g;
    g = g * w * (sp * (qp * sp));
    sig_time(t - 1u, g);
  }
  return SigEval(e * e, gw, gb, 0.0, 0.0);
}
