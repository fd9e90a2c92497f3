// One step of adam (SPEC section 7): m and v in XF (mantissas in a and b, exponents in ea and
// eb), the bias corrections of step k from the host (float64-made, at offBias).

fn step_adam(s: ptr<function, Cell>, ev: Ev, k: u32, lr2: vec2<f32>) -> vec2<f32> {
  var dw = vec2<f32>(0.0);
  let g = grad_xf(ev);
  let bc = vec2<f32>(inp[u.offBias + 2u * k], inp[u.offBias + 2u * k + 1u]);
  var step = vec2<f32>(0.0);
  for (var j = 0; j < 2; j++) {
    let m = xf_add(xf_scale(XF((*s).a[j], (*s).ea[j]), u.beta1), xf_scale(g[j], u.oneMinusBeta1));
    var v = XF((*s).b[j], (*s).eb[j]);
    // float64 computes (1 - beta2) * g * g; where that or v overflows, v = Infinity from
    // then on and the step m / Infinity = 0 (the weight stays)
    let g2 = xf_scale(xf_mul(g[j], g[j]), u.oneMinusBeta2);
    if (v.e != E_INF) {
      if (g2.e > F64_EXP) {
        v = XF(1.0, E_INF);
      } else {
        v = xf_add(xf_scale(v, u.beta2), g2);
        if (v.e > F64_EXP) {
          v = XF(1.0, E_INF);
        }
      }
    }
    if (v.e != E_INF) {
      let den = xf_add(xf_sqrt(xf_scale(v, bc.y)), xf(u.eps));
      step[j] = lr2[j] * xf_to_step(xf_div(xf_scale(m, bc.x), den));
    }
    (*s).a[j] = m.m;
    (*s).ea[j] = m.e;
    (*s).b[j] = v.m;
    (*s).eb[j] = v.e;
  }
  dw -= step;
  return dw;
}
