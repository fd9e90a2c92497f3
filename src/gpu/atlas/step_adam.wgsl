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

// The lean kernel's adam in float32 (PAUSES): m as a float32 value (ea = 0), v as a mantissa b
// with an even exponent eb (the lean kernel's g reaches 2^121, so g^2 and v do not fit float32),
// both made by adam_state_to_f32. It rounds exactly like step_adam's XF operations: the same
// float32 products, sums, square root and quotient on values scaled by powers of two, wherever
// every value stays normal; the checks below make sure of that, and elsewhere `ok` is false, the
// state is left as it was and the cell pauses for the full kernel's XF step. (The XF operations
// made adam's hot loop about four times slower than sgd's.)
struct AdamF32 {
  ok: bool,
  m: vec2<f32>,
  v: vec2<f32>,
  ve: vec2<i32>,
  dw: vec2<f32>,
}

// x is 0 or its magnitude within [lo, hi], component-wise (NaN is not)
fn within(x: vec2<f32>, lo: f32, hi: f32) -> bool {
  let a = abs(x);
  return all(((a >= vec2<f32>(lo)) & (a <= vec2<f32>(hi))) | (x == vec2<f32>(0.0)));
}

const TWO_M20 = 9.5367432e-7;
const TWO_M40 = 9.094947e-13;
const TWO_M90 = 8.0779357e-28;
const TWO_M100 = 7.888609e-31;
const TWO_M110 = 7.7037197e-34;
const TWO_M125 = 2.3509887e-38;
const TWO_99 = 6.338253e29;
const TWO_126 = 8.507059e37;
// below this, v's term (1 - beta2) g^2 is under 2^-80 of beta2 v: float32 and XF both drop it
const NO_EXP = -1000;

// Hyperparameters with which the checks below suffice (the defaults and any sane choice):
// 1 - beta >= 2^-20 bounds the bias corrections by 2^20; beta2 >= 2^-20 keeps beta2 v normal.
fn adam_f32_hyper() -> bool {
  let c = vec2<f32>(u.oneMinusBeta1, u.oneMinusBeta2);
  return within(vec2<f32>(u.beta1), TWO_M20, 1.0) && u.beta2 >= TWO_M20 && all(c >= vec2<f32>(TWO_M20)) && u.eps >= TWO_M40;
}

fn adam_f32(s: ptr<function, Cell>, g: vec2<f32>, k: u32, h: CellHyper) -> AdamF32 {
  var r: AdamF32;
  let bc = vec2<f32>(inp[u.offBias + 2u * k], inp[u.offBias + 2u * k + 1u]);
  let m = (*s).a;
  let vm = (*s).b;
  let ve = (*s).eb;
  // m' = beta1 m + (1 - beta1) g: both terms 0 or at least 2^-90, so m' is 0 or normal
  let bm = u.beta1 * m;
  let cg = u.oneMinusBeta1 * g;
  r.m = bm + cg;
  // v' = beta2 v + (1 - beta2) g^2 at the scale 2^(2 half), half the larger of v's half exponent and g's
  let gExp = select(frexp(g).exp, vec2<i32>(NO_EXP), g == vec2<f32>(0.0));
  let vHalf = select(ve / 2, vec2<i32>(NO_EXP), vm == vec2<f32>(0.0));
  let half = max(gExp, vHalf);
  let gs = ldexp(g, -half);
  let vs = u.beta2 * ldexp(vm, ve - 2 * half) + u.oneMinusBeta2 * (gs * gs);
  let f = frexp(vs);
  let e2 = f.exp - (f.exp & vec2<i32>(1));
  r.v = ldexp(vs, -e2);
  r.ve = select(2 * half + e2, vec2<i32>(0), vs == vec2<f32>(0.0));
  let sq = ldexp(sqrt(r.v * bc.y), r.ve / 2);
  let mb = r.m * bc.x;
  let q = mb / (sq + u.eps);
  r.ok = h.adamF32 && all((*s).ea == vec2<i32>(0)) && all((ve & vec2<i32>(1)) == vec2<i32>(0))
    && within(bm, TWO_M90, TWO_126) && within(cg, TWO_M90, TWO_126) && within(mb, TWO_M110, TWO_126)
    && within(sq, TWO_M100, TWO_126) && within(q, TWO_M125, TWO_99) && all((q == vec2<f32>(0.0)) == (r.m == vec2<f32>(0.0)));
  r.dw = -(h.lr2 * q);
  return r;
}

// The lean kernel's m and v from the stored XF: m as a float32 value where it is one (else left
// in XF, ea != 0: adam_f32 then pauses the cell at once), v with an even exponent (v = Infinity,
// eb = E_INF, odd, stays as it is and pauses the cell too).
fn adam_state_to_f32(s: ptr<function, Cell>) {
  for (var j = 0; j < 2; j++) {
    if ((*s).ea[j] >= -100 && (*s).ea[j] <= 126) {
      (*s).a[j] = ldexp((*s).a[j], (*s).ea[j]);
      (*s).ea[j] = 0;
    }
    if ((*s).eb[j] != E_INF && ((*s).eb[j] & 1) != 0) {
      (*s).b[j] = 2.0 * (*s).b[j];
      (*s).eb[j] = (*s).eb[j] - 1;
    }
  }
}

// And back to normalised XF for the full kernel and the next dispatch.
fn adam_state_to_xf(s: ptr<function, Cell>) {
  for (var j = 0; j < 2; j++) {
    let m = xf_norm((*s).a[j], (*s).ea[j]);
    (*s).a[j] = m.m;
    (*s).ea[j] = m.e;
    if ((*s).eb[j] != E_INF) {
      let v = xf_norm((*s).b[j], (*s).eb[j]);
      (*s).b[j] = v.m;
      (*s).eb[j] = v.e;
    }
  }
}
