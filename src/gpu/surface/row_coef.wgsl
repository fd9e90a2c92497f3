// Per-row coefficients of the quadratic form, written by surface_rows, read by surface_points.
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
}
