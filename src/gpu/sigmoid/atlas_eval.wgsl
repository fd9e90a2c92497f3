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
  // |dx_steps/db| (SigEval.sens)
  sens: f32,
}

// Beyond this |dx_steps/db| = 1 / (1 - w s'(x*)) near a fixed point x*, w s' is above 0.8: the
// valley's end or the cliff, where sgd-like runs bounce along the cliff's edge chaotically and
// float32's iterates part from float64's.
const SIG_CHAOTIC_SENS = 5.0;

// main.wgsl's second test of a cell float32 cannot resolve (besides a step that leaves the
// weights unchanged): an optimiser that follows the gradient's size (not the Rprop family, which
// follows its sign) meets the cliff. Measured on the fixture's and 48 x 48 sgd and clip atlases:
// without it 1.3-2.5% of the classes differ from float64, with it none beyond float64's own
// chaos; about 10% of those cells are finished in float64.
fn beyond_float32(ev: Ev) -> bool {
  return !RPROP_FAMILY && ev.sens > SIG_CHAOTIC_SENS;
}

fn evaluate(w: vec2<f32>) -> Ev {
  let r = sig_forward(w.x, w.y, u.sigX0, u.sigGoal, u.sigSteps);
  var ev: Ev;
  ev.wide = false;
  ev.finite = true;
  ev.cost = r.cost;
  ev.err = 0.0;
  ev.g = vec2<f32>(r.gw, r.gb);
  ev.sens = r.sens;
  return ev;
}

fn exact_cost(w: f32, b: f32) -> f32 {
  return sig_forward(w, b, u.sigX0, u.sigGoal, u.sigSteps).cost;
}

fn exact_eval(w: f32, b: f32) -> vec3<f32> {
  let r = sig_forward(w, b, u.sigX0, u.sigGoal, u.sigSteps);
  return vec3<f32>(r.cost, r.gw, r.gb);
}
