// poly_fast for the atlas's full kernel (atlas.wgsl): C(r), C'(r), B(r), B'(r) by Horner with the
// coefficients from workgroup memory. The lean kernel gets the same function from the host with
// the data set's coefficients written in as constants (src/gpu/webgpuAtlas.ts, leanPolynomial):
// on SwiftShader that makes the hot loop about three times faster than these loads.
fn poly_fast(r: f32) -> vec4<f32> {
  let gC = (u.degC + 4u) / 4u;
  let gB = (u.seqLen + 3u) / 4u;
  var c = 0.0;
  var dc = 0.0;
  for (var g = gC; g > 0u; g--) {
    let v = wc4[g - 1u];
    dc = dc * r + c;
    c = c * r + v.w;
    dc = dc * r + c;
    c = c * r + v.z;
    dc = dc * r + c;
    c = c * r + v.y;
    dc = dc * r + c;
    c = c * r + v.x;
  }
  var b = 0.0;
  var db = 0.0;
  for (var g = gC + gB; g > gC; g--) {
    let v = wc4[g - 1u];
    db = db * r + b;
    b = b * r + v.w;
    db = db * r + b;
    b = b * r + v.z;
    db = db * r + b;
    b = b * r + v.y;
    db = db * r + b;
    b = b * r + v.x;
  }
  return vec4<f32>(c, dc, b, db);
}
