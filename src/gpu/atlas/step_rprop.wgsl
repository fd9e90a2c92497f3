// One step of the Rprop family (SPEC section 7): w_k -> w_{k+1}, from the sign of the gradient.
// Each returns the step dw and updates the cell's state: a = Delta, b = the previous sign,
// c = the previous step (Rprop+ family).

// The per-cell hyperparameters (main.wgsl: the uniforms, or the axes in 'lr' mode).
struct CellHyper {
  etaP: f32,
  etaM: f32,
  // the etas' rounding remainders (eta - float32(eta))
  etaPLo: f32,
  etaMLo: f32,
  // the learning rates of wx and wRec
  lr2: vec2<f32>,
  // (adam, lean kernel) the hyperparameters let adam_f32 run (adam_f32_hyper: uniforms only, so
  // tested once per cell, not every iteration)
  adamF32: bool,
}

// Delta * eta with eta = hi + lo (float64 split in two float32s): float32's eta alone (1.2 is
// 1.2000000477) would bias every step the same way, and Delta is a product of hundreds of them.
fn mul_eta(d: vec2<f32>, hi: vec2<f32>, lo: vec2<f32>) -> vec2<f32> {
  return fma(d, hi, d * lo);
}

fn grad_sign(ev: Ev) -> vec2<f32> {
  if (ev.wide) {
    return sign(vec2<f32>(ev.gx.m, ev.gr.m));
  }
  return sign(ev.g);
}

// rprop: Delta grows while the sign stays and shrinks when it flips; no bounds but 1e30.
fn step_rprop(s: ptr<function, Cell>, ev: Ev, h: CellHyper) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  let sg = grad_sign(ev);
  let same = sg == (*s).b;
  (*s).a = min(mul_eta((*s).a, select(vec2<f32>(h.etaM), vec2<f32>(h.etaP), same), select(vec2<f32>(h.etaMLo), vec2<f32>(h.etaPLo), same)), vec2<f32>(1e30));
  (*s).b = sg;
  dw -= sg * (*s).a;
  return dw;
}

// rprop- and irprop- (which also skips the step after a sign flip).
fn step_rprop_minus(s: ptr<function, Cell>, ev: Ev, h: CellHyper) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  var sg = grad_sign(ev);
  let p = sg * (*s).b;
  (*s).a = select((*s).a, max(mul_eta((*s).a, vec2<f32>(h.etaM), vec2<f32>(h.etaMLo)), vec2<f32>(u.deltaMin)), p < vec2<f32>(0.0));
  (*s).a = select((*s).a, min(mul_eta((*s).a, vec2<f32>(h.etaP), vec2<f32>(h.etaPLo)), vec2<f32>(u.deltaMax)), p > vec2<f32>(0.0));
  if (OPT == O_IRPROP_MINUS) {
    sg = select(sg, vec2<f32>(0.0), p < vec2<f32>(0.0));
  }
  dw -= sg * (*s).a;
  (*s).b = sg;
  return dw;
}

// irprop+: whether the cost rose, E_k > E_{k-1} (which decides the undo); keeps E_k.
fn irprop_plus_worse(s: ptr<function, Cell>, ev: Ev) -> bool {
  // Where the quadratic form's rounding is more than 1e-3 of the cost (near the minimum) E_k is
  // a sum of squares over the samples instead (a nested loop in the hot loop: irprop+ is the
  // slowest kernel, about 3x).
  var costX = ev.costX;
  if (!ev.wide) {
    var c = ev.cost;
    if (c <= 1000.0 * ev.err) {
      c = exact_cost((*s).w.x, (*s).w.y);
    }
    costX = xf(c);
  }
  let worse = (*s).prevCostE != E_INF && xf_greater(costX, XF((*s).prevCost, (*s).prevCostE));
  (*s).prevCost = costX.m;
  (*s).prevCostE = costX.e;
  return worse;
}

// rprop+ and irprop+: after a sign flip the previous step is taken back (irprop+: only if the
// cost rose).
fn step_rprop_plus(s: ptr<function, Cell>, ev: Ev, h: CellHyper) -> vec2<f32> {
  let sg = grad_sign(ev);
  let p = sg * (*s).b;
  let up = p > vec2<f32>(0.0);
  let down = p < vec2<f32>(0.0);
  (*s).a = select((*s).a, min(mul_eta((*s).a, vec2<f32>(h.etaP), vec2<f32>(h.etaPLo)), vec2<f32>(u.deltaMax)), up);
  (*s).a = select((*s).a, max(mul_eta((*s).a, vec2<f32>(h.etaM), vec2<f32>(h.etaMLo)), vec2<f32>(u.deltaMin)), down);
  var undo = down;
  if (OPT == O_IRPROP_PLUS) {
    undo = down & vec2<bool>(irprop_plus_worse(s, ev));
  }
  let stepP = select(-sg * (*s).a, vec2<f32>(0.0), down);
  let dw = stepP - select(vec2<f32>(0.0), (*s).c, undo);
  (*s).b = select(sg, vec2<f32>(0.0), down);
  (*s).c = stepP;
  return dw;
}
