// The plain surface method: full BPTT at every grid point (the baseline the fast method beats).

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts)
// bptt_xf writes per-timestep gradients only when asked; this kernel never asks.
var<private> timeOut: array<f32, 1>;

@compute @workgroup_size(64)
fn surface_bptt(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y + u.offset;
  if (col >= u.res || row >= u.res) {
    return;
  }
  let wx = wxAxis[col];
  let wRec = wRecAxis[row];
  var g: Gradients;
  if (fits_f32(wx, wRec)) {
    g = bptt_f32(wx, wRec);
  } else {
    g = bptt_xf(wx, wRec, false, 0u);
  }
  let idx = row * 4u * ((u.res + 3u) / 4u) + col;  // rows padded to whole vec4s, as surface_points
  costOut[idx] = g.cost;
  wxGradOut[idx] = g.wxGrad;
  wRecGradOut[idx] = g.wRecGrad;
}
