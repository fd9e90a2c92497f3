// The sigmoid unit's surface: E and both gradients at every grid point (rows = b), by
// forward-mode derivatives (sig_forward), SIG_COLS neighbouring columns per invocation.
// (its bindings are declared by the host: SIGMOID_BINDINGS in src/gpu/sigmoid/kernels.ts)

const SIG_COLS = 4u;

@compute @workgroup_size(64)
fn sigmoid_surface(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y + u.offset;
  let col0 = gid.x * SIG_COLS;
  if (col0 >= u.res || row >= u.res) {
    return;
  }
  let b = bAxis[row];
  for (var col = col0; col < min(col0 + SIG_COLS, u.res); col++) {
    let r = sig_forward(wAxis[col], b, u.x0, u.goal, u.steps);
    let idx = row * u.res + col;
    costOut[idx] = r.cost;
    wGradOut[idx] = r.gw;
    bGradOut[idx] = r.gb;
  }
}
