// Extended-range float for float32 shaders: value = m * 2^e, |m| in [0.5, 1) or m == 0.
// WGSL has no f64 and implementations may assume no infinities, so wherever a sum or product can
// leave float32's range (|wRec|^seqLen grows fast) the kernels carry the exponent themselves and
// only round to float32 at the end, where a value beyond float32 becomes +/-Infinity, never NaN.

struct XF {
  m: f32,
  e: i32,
}

const XF_ZERO = XF(0.0, 0);

fn xf_norm(m: f32, e: i32) -> XF {
  if (m == 0.0) {
    return XF_ZERO;
  }
  let f = frexp(m);
  return XF(f.fract, e + f.exp);
}

fn xf(v: f32) -> XF {
  return xf_norm(v, 0);
}

fn xf_mul(a: XF, b: XF) -> XF {
  return xf_norm(a.m * b.m, a.e + b.e);
}

fn xf_neg(a: XF) -> XF {
  return XF(-a.m, a.e);
}

fn xf_add(a: XF, b: XF) -> XF {
  if (a.m == 0.0) {
    return b;
  }
  if (b.m == 0.0) {
    return a;
  }
  let d = a.e - b.e;
  // beyond 2^-30 relative the smaller term is lost in float32 rounding anyway
  if (d > 30) {
    return a;
  }
  if (d < -30) {
    return b;
  }
  if (d >= 0) {
    return xf_norm(a.m + ldexp(b.m, -d), a.e);
  }
  return xf_norm(ldexp(a.m, d) + b.m, b.e);
}

fn xf_scale(a: XF, s: f32) -> XF {
  return xf_norm(a.m * s, a.e);
}

// Rounds to float32: beyond its range gives +/-Infinity, below it zero.
fn xf_to_f32(a: XF, infBits: u32) -> f32 {
  if (a.m == 0.0 || a.e < -149) {
    return 0.0;
  }
  if (a.e > 128) {
    let inf = bitcast<f32>(infBits);
    return select(-inf, inf, a.m > 0.0);
  }
  return ldexp(a.m, a.e);
}
