// One step of the gradient-descent family (SPEC section 7): sgd, clip and momentum, with the
// per-weight learning rates lr2. Each returns the step dw (and updates momentum's buffer).

fn grad_xf(ev: Ev) -> array<XF, 2> {
  if (ev.wide) {
    return array<XF, 2>(ev.gx, ev.gr);
  }
  return array<XF, 2>(xf(ev.g.x), xf(ev.g.y));
}

fn step_sgd(ev: Ev, lr2: vec2<f32>) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  if (ev.wide) {
    dw -= vec2<f32>(xf_to_step(xf_scale(ev.gx, lr2.x)), xf_to_step(xf_scale(ev.gr, lr2.y)));
  } else {
    dw -= lr2 * ev.g;
  }
  return dw;
}

// sgd on the gradient scaled down to norm `clip` where it is longer.
fn step_clip(ev: Ev, lr2: vec2<f32>) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  var g = ev.g;
  var e = 0;
  if (ev.wide) {
    e = max(ev.gx.e, ev.gr.e);
    g = vec2<f32>(ldexp(ev.gx.m, max(ev.gx.e - e, -140)), ldexp(ev.gr.m, max(ev.gr.e - e, -140)));
  }
  // the norm of g * 2^e, without overflow
  let mx = max(abs(g.x), abs(g.y));
  if (mx > 0.0) {
    let gs = g / mx;
    let nrmS = sqrt(dot(gs, gs));
    let clipS = ldexp(u.clip / mx, -e);  // clip in units of mx * 2^e
    if (e > 60 || nrmS >= clipS) {
      g = gs * (u.clip / nrmS);
    } else if (e != 0) {
      g = ldexp(g, vec2<i32>(e));
    }
    dw -= lr2 * g;
  }
  return dw;
}

// momentum: the buffer (XF, mantissas in a, exponents in ea) is g at k = 0, then
// momentum * buffer + g.
fn step_momentum(s: ptr<function, Cell>, ev: Ev, k: u32, lr2: vec2<f32>) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  let g = grad_xf(ev);
  var bx = g[0];
  var br = g[1];
  if (k != 0u) {
    bx = xf_add(xf_scale(XF((*s).a.x, (*s).ea.x), u.momentum), g[0]);
    br = xf_add(xf_scale(XF((*s).a.y, (*s).ea.y), u.momentum), g[1]);
  }
  (*s).a = vec2<f32>(bx.m, br.m);
  (*s).ea = vec2<i32>(bx.e, br.e);
  dw -= vec2<f32>(xf_to_step(xf_scale(bx, lr2.x)), xf_to_step(xf_scale(br, lr2.y)));
  return dw;
}
