// The fast surface method, pass 2 of 2: O(1) per grid point from its row's coefficients.

@group(0) @binding(0) var<uniform> u: Uniforms;
@group(0) @binding(3) var<storage, read> wxAxis: array<f32>;
@group(0) @binding(5) var<storage, read> rows: array<RowCoef>;
@group(0) @binding(6) var<storage, read_write> costOut: array<f32>;
@group(0) @binding(7) var<storage, read_write> wxGradOut: array<f32>;
@group(0) @binding(8) var<storage, read_write> wRecGradOut: array<f32>;

@compute @workgroup_size(64)
fn surface_points(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y + u.rowOffset;
  if (col >= u.res || row >= u.res) {
    return;
  }
  let rc = rows[row];
  let w = wxAxis[col];
  let idx = row * u.res + col;
  if (rc.safe != 0u) {
    let d = w - rc.wxStarF;
    costOut[idx] = rc.R + rc.CF * d * d;
    wxGradOut[idx] = 2.0 * rc.CF * d;
    wRecGradOut[idx] = 2.0 * w * (w * rc.DF - rc.EF);
    return;
  }
  // A row near the float32 edge: the same formulas with the exponent carried along.
  let wX = xf(w);
  let d = xf_add(wX, xf_neg(rc.wxStar));
  let curvature = xf_mul(rc.C, xf_mul(d, d));
  let cost = xf_to_f32(xf_add(xf(rc.R), curvature), u.infBits);
  costOut[idx] = cost;
  wxGradOut[idx] = xf_to_f32(xf_scale(xf_mul(rc.C, d), 2.0), u.infBits);
  let inner = xf_add(xf_mul(wX, rc.D), xf_neg(rc.E));
  wRecGradOut[idx] = xf_to_f32(xf_mul(xf(2.0 * w), inner), u.infBits);
}
