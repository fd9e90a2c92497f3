// The sigmoid unit's surface: E and both gradients by BPTT at every grid point (rows = b).
// (its bindings are declared by the host: SIGMOID_BINDINGS in src/gpu/sigmoid/kernels.ts)

fn sig_time(k: u32, g: f32) {}

@compute @workgroup_size(64)
fn sigmoid_surface(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y + u.offset;
  if (col >= u.res || row >= u.res) {
    return;
  }
  let r = sig_bptt(wAxis[col], bAxis[row], u.x0, u.goal, u.steps, false);
  let idx = row * u.res + col;
  costOut[idx] = r.cost;
  wGradOut[idx] = r.gw;
  bGradOut[idx] = r.gb;
}
