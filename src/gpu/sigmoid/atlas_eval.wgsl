// The atlas's cost and gradient for the sigmoid model (SPEC section 12), in place of the linear
// RNN's eval.wgsl: forward-mode derivatives in float32 (sig_forward, sigmoid.wgsl) with x0, target
// and steps from the uniforms. The unit's E and gradient never leave float32's range, so there is
// no wide (XF) path: `wide` is false, `finite` true, and `err` (the rounding bound the linear
// kernel uses to decide when to recompute) 0.

struct Ev {
  wide: bool,
  finite: bool,
  cost: f32,
  err: f32,
  g: vec2<f32>,
  costX: XF,
  gx: XF,
  gr: XF,
}

fn evaluate(w: vec2<f32>) -> Ev {
  let r = sig_forward(w.x, w.y, u.sigX0, u.sigGoal, u.sigSteps);
  var ev: Ev;
  ev.wide = false;
  ev.finite = true;
  ev.cost = r.cost;
  ev.err = 0.0;
  ev.g = vec2<f32>(r.gw, r.gb);
  return ev;
}

fn exact_cost(w: f32, b: f32) -> f32 {
  return sig_forward(w, b, u.sigX0, u.sigGoal, u.sigSteps).cost;
}

fn exact_eval(w: f32, b: f32) -> vec3<f32> {
  let r = sig_forward(w, b, u.sigX0, u.sigGoal, u.sigSteps);
  return vec3<f32>(r.cost, r.gw, r.gb);
}
