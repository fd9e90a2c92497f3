// Per-row coefficients of the quadratic form, written by surface_rows, read by surface_points.
// K and H give the Hessian's wRec-wRec entry (SPEC section 10): Hyy = 2 wx (wx K - H).
struct RowCoef {
  R: f32,
  safe: u32,
  CF: f32,
  wxStarF: f32,
  DF: f32,
  EF: f32,
  pad0: f32,
  pad1: f32,
  C: XF,
  wxStar: XF,
  D: XF,
  E: XF,
  K: XF,
  H: XF,
}

// The largest eigenvalue of [[a, b], [b, c]] in float32 (SPEC section 10's sharpness): m + r where
// the mean m of the diagonal is >= 0, else det / (m - r) (no cancellation); r = hypot((a - c)/2, b)
// and det taken on the entries scaled by the largest, so that no square leaves float32. An entry
// beyond float32 (the XF rows): +Infinity, or the other diagonal entry where one is -Infinity.
fn lambda_max(a: f32, b: f32, c: f32, infBits: u32) -> f32 {
  let inf = bitcast<f32>(infBits);
  if (a == inf || c == inf || abs(b) == inf) {
    return inf;
  }
  if (a == -inf) {
    return c;
  }
  if (c == -inf) {
    return a;
  }
  return lambda_max4(vec4<f32>(a), vec4<f32>(b), vec4<f32>(c)).x;
}

// lambda_max of four cells at once, branch-free (finite entries).
fn lambda_max4(a: vec4<f32>, b: vec4<f32>, c: vec4<f32>) -> vec4<f32> {
  let one = vec4<f32>(1.0);
  let m = 0.5 * a + 0.5 * c;
  let x = 0.5 * a - 0.5 * c;
  let s = max(abs(x), abs(b));
  let sx = select(s, one, s == vec4<f32>(0.0));
  let r = s * sqrt((x / sx) * (x / sx) + (b / sx) * (b / sx));
  let t = max(max(abs(a), abs(c)), abs(b));
  let st = select(t, one, t == vec4<f32>(0.0));
  let det = (a / st) * (c / st) - (b / st) * (b / st);
  let mr = select((m - r) / st, one, m - r == vec4<f32>(0.0));
  return select(det / mr * st, m + r, m >= vec4<f32>(0.0));
}
