// The fast surface method, pass 2: O(1) per grid point from its row's coefficients,
//   cost = R + C (wx - wx*)^2,  wxGrad = 2 C (wx - wx*),  wRecGrad = 2 wx (wx D - E),
// and the sharpness, the largest eigenvalue of the Hessian
//   Hxx = 2 C,  Hxy = 2 (2 wx D - E),  Hyy = 2 wx (wx K - H)  (SPEC section 10).
// Each invocation fills four cells of one row with vec4 arithmetic and no branches: on a CPU
// adapter like SwiftShader, per-invocation overhead, integer division and divergent branches
// cost more than the arithmetic. Rows are stored with a stride of whole vec4s (the host strips
// the padding). Rows near float32's edge are redone afterwards by surface_fixup.

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts)

// false: the sharpness is not asked for (its output is a placeholder, never written)
override SHARPNESS: bool = true;

@compute @workgroup_size(64)
fn surface_points(@builtin(global_invocation_id) gid: vec3<u32>) {
  let quadsPerRow = (u.res + 3u) / 4u;
  let quad = gid.x;
  let row = gid.y + u.offset;  // offset: rows done by earlier dispatches
  if (quad >= quadsPerRow || row >= u.res) {
    return;
  }
  let a = rowsF32[2u * row];
  let b = rowsF32[2u * row + 1u];
  let w = wxAxis4[quad];
  let d = w - a.z;
  let idx = row * quadsPerRow + quad;
  costOut[idx] = a.x + a.y * d * d;
  wxGradOut[idx] = 2.0 * a.y * d;
  wRecGradOut[idx] = 2.0 * w * (w * b.x - b.y);
  if (!SHARPNESS) {
    return;
  }
  let hxx = 2.0 * a.y;
  let hxy = 2.0 * (2.0 * w * b.x - b.y);
  let hyy = 2.0 * w * (w * b.z - b.w);
  // the largest eigenvalue (the entries are below 2^62 on safe rows: no scaling needed)
  let m = 0.5 * hxx + 0.5 * hyy;
  let x = 0.5 * hxx - 0.5 * hyy;
  let r = sqrt(x * x + hxy * hxy);
  sharpnessOut[idx] = select((hxx * hyy - hxy * hxy) / (m - r), m + r, m >= vec4<f32>(0.0));
}

