// The sigmoid unit's surface: E and both gradients at every grid point (rows = b), by
// forward-mode derivatives (sig_forward).
// (its bindings are declared by the host: SIGMOID_BINDINGS in src/gpu/sigmoid/kernels.ts)

@compute @workgroup_size(64)
fn sigmoid_surface(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y + u.offset;
  if (col >= u.res || row >= u.res) {
    return;
  }
  let r = sig_forward(wAxis[col], bAxis[row], u.x0, u.goal, u.steps);
  let idx = row * u.res + col;
  costOut[idx] = r.cost;
  wGradOut[idx] = r.gw;
  bGradOut[idx] = r.gb;
}
