/**
 * The atlas kernel's uniform block and buffers, declared once: the WGSL struct AtlasU and the
 * binding declarations are made from them (src/gpu/atlas/shader.ts), and the host fills the block
 * and the bind groups by name (src/gpu/webgpuAtlas.ts).
 */
import { UniformLayout } from '../webgpu/uniforms';
import { BindingLayout } from '../webgpu/bindings';

export const ATLAS_UNIFORMS = new UniformLayout('AtlasU', {
  samples: 'u32',
  seqLen: 'u32',
  cols: 'u32',
  iterations: 'u32',
  /** per dispatch: the band's first cell, the cells [cellStart, cellEnd), iterations [kStart, kEnd) */
  bandStart: 'u32',
  cellStart: 'u32',
  cellEnd: 'u32',
  kStart: 'u32',
  kEnd: 'u32',
  /** 0: starts (cell = start point), 1: lr (cell = hyperparameters, all start at startX/Y) */
  mode: 'u32',
  infBits: 'u32',
  /** degree of C, 2n - 2 */
  degC: 'u32',
  /** where each input starts in `inp` (the coefficients start at 0; src/gpu/atlas/inputs.ts) */
  offXs: 'u32',
  offTargets: 'u32',
  offAxisX: 'u32',
  offAxisY: 'u32',
  offBias: 'u32',
  /** the residual form's polynomials (eval.wgsl, resid_eval); 0: the data set has none */
  offResid: 'u32',
  /** the axes' rounding remainders (value - float32(value)): the etas are products every step */
  offAxisXLo: 'u32',
  offAxisYLo: 'u32',
  tol: 'f32',
  /** T = sum t_i^2 */
  sumT2: 'f32',
  /** below this |wRec| the float32 path is always safe (for |wx| <= 2^21) */
  rFast: 'f32',
  /** log2(N) + 3 log2(n) + 2: the bound of the float32 path */
  wideBase: 'f32',
  delta0: 'f32',
  etaPlus: 'f32',
  etaMinus: 'f32',
  deltaMin: 'f32',
  deltaMax: 'f32',
  lr: 'f32',
  momentum: 'f32',
  clip: 'f32',
  beta1: 'f32',
  oneMinusBeta1: 'f32',
  beta2: 'f32',
  oneMinusBeta2: 'f32',
  eps: 'f32',
  startX: 'f32',
  startY: 'f32',
  invN: 'f32',
  etaPlusLo: 'f32',
  etaMinusLo: 'f32',
  startXLo: 'f32',
  startYLo: 'f32',
  /** the learning rate of wRec ('starts' mode; 'lr' mode takes both rates from the axes) */
  lrWRec: 'f32',
  /** the sigmoid model's x0, target and steps (src/gpu/sigmoid/atlas_eval.wgsl) */
  sigX0: 'f32',
  sigGoal: 'f32',
  sigSteps: 'u32',
  /** where in `cells` the state of a cell float32 could not resolve is kept at its stop (sigmoid: after the band's cells) */
  sigResumeBase: 'u32',
});

export type AtlasUniformName = keyof typeof ATLAS_UNIFORMS.fields;
/** The fields set once per dispatch; the others once per run. */
export type AtlasDispatchField = 'bandStart' | 'cellStart' | 'cellEnd' | 'kStart' | 'kEnd';

/**
 * The atlas kernel's buffers, in binding order (the WGSL declarations are made from this; the
 * inputs' layout is described in common.wgsl and inputs.ts).
 */
export const ATLAS_BINDINGS = new BindingLayout({
  u: ['uniform', 'AtlasU'],
  /** all inputs in one buffer (storage buffers per stage are few), at the offsets in `u` */
  inp: ['read', 'array<f32>'],
  /** the optimiser state of the band's cells */
  cells: ['read_write', 'array<Cell>'],
  finalCostOut: ['read_write', 'array<f32>'],
  convergedOut: ['read_write', 'array<i32>'],
  divergedOut: ['read_write', 'array<i32>'],
  /** the cells (band-relative indices) that the lean kernel paused, and the indirect dispatch size */
  list: ['read_write', 'array<u32>'],
  args: ['read_write', 'ListArgs'],
});
