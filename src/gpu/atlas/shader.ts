/**
 * The atlas kernel's WGSL source: the generated part (the uniform struct from ATLAS_UNIFORMS, the
 * optimiser ids from OPTIMISERS, the kernel's constants) and the files of this folder.
 */
import xfloatWgsl from '../webgpu/xfloat.wgsl?raw';
import polyWgsl from './poly.wgsl?raw';
import commonWgsl from './common.wgsl?raw';
import evalWgsl from './eval.wgsl?raw';
import stepRpropWgsl from './step_rprop.wgsl?raw';
import stepGdWgsl from './step_gd.wgsl?raw';
import stepAdamWgsl from './step_adam.wgsl?raw';
import mainWgsl from './main.wgsl?raw';
import { OPTIMISERS, isRpropFamily, type OptimiserName } from '../../model/optimiserSpec';
import { ATLAS_BINDINGS, ATLAS_UNIFORMS } from './uniforms';
import { SIGMOID_WGSL } from '../sigmoid/kernels';
import sigmoidAtlasEvalWgsl from '../sigmoid/atlas_eval.wgsl?raw';

/** The WGSL name of an optimiser's id: 'irprop+' -> O_IRPROP_PLUS, 'rprop-' -> O_RPROP_MINUS. */
export function optimiserConstName(opt: OptimiserName): string {
  return `O_${opt.toUpperCase().replace(/-/g, '_MINUS').replace(/\+/g, '_PLUS')}`;
}

/**
 * The optimiser ids (each optimiser's index in OPTIMISERS), this kernel's OPT, and its family
 * (RPROP_FAMILY: the sign-based ones, whose 'lr' axes are the etas), as WGSL constants.
 */
export function optimiserConstants(opt: OptimiserName): string {
  const ids = OPTIMISERS.map((o, i) => `const ${optimiserConstName(o)} = ${i}u;`);
  return [...ids, `const OPT: u32 = ${optimiserConstName(opt)};`, `const RPROP_FAMILY = ${isRpropFamily(opt)};`].join('\n');
}

/** atlasShaderSource's `lean` for the first pass with the generic poly_fast: one kernel for every data set. */
export const GENERIC_LEAN = 'generic';

/**
 * The whole source of one atlas kernel: the full one (lean = null: the generic poly_fast and the
 * XF path), a lean one (lean = the data set's poly_fast, leanPolynomial in inputs.ts), or the
 * lean pass with the generic poly_fast (lean = GENERIC_LEAN: no kernel to build per data set,
 * for sweeps over many data sets; slower per iteration); for the sigmoid model (lean ignored)
 * its own cost and gradient (src/gpu/sigmoid/atlas_eval.wgsl) and the flag of cells float32
 * cannot resolve.
 */
export function atlasShaderSource(opt: OptimiserName, lean: string | null, model: 'linear' | 'sigmoid' = 'linear'): string {
  const full = lean === null;
  const generic = full || lean === GENERIC_LEAN;
  const sigmoid = model === 'sigmoid';
  return [
    ATLAS_UNIFORMS.wgsl(),
    optimiserConstants(opt),
    // the sigmoid model's kernel is lean only: its cost and gradient never leave float32
    `const FULL = ${full && !sigmoid};`,
    `const GENERIC_POLY = ${generic && !sigmoid};`,
    `const FLAG_UNRESOLVED = ${sigmoid};`,
    // the linear model's lean kernel, which may pause a cell for the full one
    `const PAUSES = ${!full && !sigmoid};`,
    xfloatWgsl,
    sigmoid ? '' : generic ? polyWgsl : lean,
    commonWgsl,
    ATLAS_BINDINGS.wgsl(),
    // main.wgsl's model test of unresolved cells (only the sigmoid unit has one)
    // (and main.wgsl's second opinion near the minimum and its pause: only the linear RNN has them)
    ...(sigmoid
      ? [SIGMOID_WGSL, sigmoidAtlasEvalWgsl, 'fn resid_eval(wx: f32, r: f32, ev: Ev) -> Resid { var q: Resid; return q; }', 'fn lean_pauses(w: vec2<f32>) -> bool { return false; }']
      : [evalWgsl, 'fn beyond_float32(ev: Ev) -> bool { return false; }']),
    stepRpropWgsl,
    stepGdWgsl,
    stepAdamWgsl,
    mainWgsl,
  ].join('\n');
}
