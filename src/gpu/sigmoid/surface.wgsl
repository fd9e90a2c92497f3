// The sigmoid unit's surface: E and both gradients at every grid point (rows = b), by
// forward-mode derivatives (sig_forward), SIG_COLS neighbouring columns per invocation; with the
// override SHARPNESS also the Hessian's largest eigenvalue (sig_sharpness, sigmoid_hessian.wgsl),
// a second pass over the steps that the plain surface's pipeline leaves out.
// (its bindings are declared by the host: SIGMOID_BINDINGS in src/gpu/sigmoid/kernels.ts)

const SIG_COLS = 8u;
override SHARPNESS: bool = false;

@compute @workgroup_size(64)
fn sigmoid_surface(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y + u.offset;
  let col0 = gid.x * SIG_COLS;
  if (col0 >= u.res || row >= u.res) {
    return;
  }
  let b = bAxis[row];
  for (var col = col0; col < min(col0 + SIG_COLS, u.res); col++) {
    let w = wAxis[col];
    let r = sig_forward(w, b, u.x0, u.goal, u.steps);
    let idx = row * u.res + col;
    costOut[idx] = r.cost;
    wGradOut[idx] = r.gw;
    bGradOut[idx] = r.gb;
    if (SHARPNESS) {
      sharpnessOut[idx] = sig_sharpness(w, b, u.x0, u.goal, u.steps, r.x);
    }
  }
}
