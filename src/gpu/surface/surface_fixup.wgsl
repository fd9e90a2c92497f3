// The fast surface method, pass 3: the rows that surface_rows listed as leaving float32's range,
// with the same formulas in XF (exponent carried along) and rounded to float32 at the end, where
// a value beyond float32 becomes +/-Infinity. Dispatched indirectly: zero rows, zero work.

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts)

// false: the sharpness is not asked for (its output is a placeholder, never written)
override SHARPNESS: bool = true;

@compute @workgroup_size(64)
fn surface_fixup(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  if (col >= u.res) {
    return;
  }
  let row = fixupRows[gid.y];
  let rc = rows[row];
  let w = wxAxis[col];
  let idx = row * 4u * ((u.res + 3u) / 4u) + col;
  let wX = xf(w);
  let d = xf_add(wX, xf_neg(rc.wxStar));
  let curvature = xf_mul(rc.C, xf_mul(d, d));
  costOut[idx] = xf_to_f32(xf_add(xf(rc.R), curvature), u.infBits);
  wxGradOut[idx] = xf_to_f32(xf_scale(xf_mul(rc.C, d), 2.0), u.infBits);
  let inner = xf_add(xf_mul(wX, rc.D), xf_neg(rc.E));
  wRecGradOut[idx] = xf_to_f32(xf_mul(xf(2.0 * w), inner), u.infBits);
  if (!SHARPNESS) {
    return;
  }
  // the Hessian (SPEC section 10) in XF, its largest eigenvalue in float32
  let hxx = xf_to_f32(xf_scale(rc.C, 2.0), u.infBits);
  let hxy = xf_to_f32(xf_scale(xf_add(xf_mul(xf(2.0 * w), rc.D), xf_neg(rc.E)), 2.0), u.infBits);
  let hyy = xf_to_f32(xf_mul(xf(2.0 * w), xf_add(xf_mul(wX, rc.K), xf_neg(rc.H))), u.infBits);
  sharpnessOut[idx] = lambda_max(hxx, hxy, hyy, u.infBits);
}
