// Plain backpropagation through time at one (wx, wRec) point: what the app teaches.
//   forward:  S_k = x_k wx + S_{k-1} wRec
//   backward: g_n = 2 (y - t) / N;  wxGrad += g_k x_k;  wRecGrad += g_k S_{k-1};  g_{k-1} = g_k wRec
// Two versions of the same loop: plain float32 where nothing can overflow, and XF (extended
// exponent) where |wRec|^seqLen leaves float32's range.

// (its bindings are declared by the host: SURFACE_BINDINGS in src/gpu/surface/kernels.ts)

const MAX_SEQ_LEN = 100u;  // MAX_SEQ_LEN in src/model/dataset.ts

struct Gradients {
  cost: f32,
  wxGrad: f32,
  wRecGrad: f32,
}

// True when every state, gradient and product stays well inside float32 (bounds by powers of 2).
fn fits_f32(wx: f32, wRec: f32) -> bool {
  let n = f32(u.seqLen);
  let growth = n * log2(max(abs(wRec), 1.0));
  return 2.0 * growth + 2.0 * log2(max(abs(wx), 1.0)) + 2.0 * log2(n + 1.0) + 8.0 < 110.0;
}

fn bptt_f32(wx: f32, wRec: f32) -> Gradients {
  let N = u.samples;
  let n = u.seqLen;
  var cost = 0.0;
  var wxGrad = 0.0;
  var wRecGrad = 0.0;
  var s: array<f32, 101>;
  for (var i = 0u; i < N; i++) {
    let base = i * n;
    s[0] = 0.0;
    for (var k = 1u; k <= n; k++) {
      s[k] = xs[base + k - 1u] * wx + s[k - 1u] * wRec;
    }
    let err = s[n] - targets[i];
    cost += err * err;
    var g = 2.0 * err / f32(N);
    for (var k = n; k >= 1u; k--) {
      wxGrad += g * xs[base + k - 1u];
      wRecGrad += g * s[k - 1u];
      g *= wRec;
    }
  }
  return Gradients(cost / f32(N), wxGrad, wRecGrad);
}

// The same loop in XF; when timeBase >= 0 it also writes gradOverTime[k] = sum_i g_k.
fn bptt_xf(wx: f32, wRec: f32, writeTime: bool, timeBase: u32) -> Gradients {
  let N = u.samples;
  let n = u.seqLen;
  let rX = xf(wRec);
  var cost = XF_ZERO;
  var wxGrad = XF_ZERO;
  var wRecGrad = XF_ZERO;
  var s: array<XF, 101>;
  var timeSum: array<XF, 101>;
  for (var i = 0u; i < N; i++) {
    let base = i * n;
    s[0] = XF_ZERO;
    for (var k = 1u; k <= n; k++) {
      let input = xf(xs[base + k - 1u] * wx);  // x is 0 or 1: exact
      s[k] = xf_add(input, xf_mul(s[k - 1u], rX));
    }
    let err = xf_add(s[n], xf(-targets[i]));
    cost = xf_add(cost, xf_mul(err, err));
    var g = xf_scale(err, 2.0 / f32(N));
    timeSum[n] = xf_add(timeSum[n], g);
    for (var k = n; k >= 1u; k--) {
      if (xs[base + k - 1u] != 0.0) {
        wxGrad = xf_add(wxGrad, g);
      }
      wRecGrad = xf_add(wRecGrad, xf_mul(g, s[k - 1u]));
      g = xf_mul(g, rX);
      timeSum[k - 1u] = xf_add(timeSum[k - 1u], g);
    }
  }
  if (writeTime) {
    for (var k = 0u; k <= n; k++) {
      timeOut[timeBase + k] = xf_to_f32(timeSum[k], u.infBits);
    }
  }
  return Gradients(
    xf_to_f32(xf_norm(cost.m / f32(N), cost.e), u.infBits),
    xf_to_f32(wxGrad, u.infBits),
    xf_to_f32(wRecGrad, u.infBits),
  );
}
