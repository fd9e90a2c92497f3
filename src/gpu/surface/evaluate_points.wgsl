// evaluate(): BPTT at a list of points, with the per-timestep gradients. Always the XF loop, so
// that any point the user picks comes back right or as +/-Infinity.

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts)

@compute @workgroup_size(64)
fn evaluate_points(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= u.pointCount) {
    return;
  }
  let pt = points[i];
  let g = bptt_xf(pt.x, pt.y, true, i * (u.seqLen + 1u));
  pointOut[3u * i] = g.cost;
  pointOut[3u * i + 1u] = g.wxGrad;
  pointOut[3u * i + 2u] = g.wRecGrad;
}
