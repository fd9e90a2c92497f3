// The sigmoid unit at a list of points: E, both gradients and g_k = dE/dx_k for k = 0..steps.
// (its bindings are declared by the host: SIGMOID_BINDINGS in src/gpu/sigmoid/kernels.ts)

var<private> sig_base: u32;

fn sig_time(k: u32, g: f32) {
  timeOut[sig_base + k] = g;
}

@compute @workgroup_size(64)
fn sigmoid_points(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= u.pointCount) {
    return;
  }
  sig_base = i * (u.steps + 1u);
  let pt = points[i];
  let r = sig_bptt(pt.x, pt.y, u.x0, u.goal, u.steps);
  pointOut[3u * i] = r.cost;
  pointOut[3u * i + 1u] = r.gw;
  pointOut[3u * i + 2u] = r.gb;
}
