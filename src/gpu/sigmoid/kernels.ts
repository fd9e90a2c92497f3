/**
 * The sigmoid model's surface and point kernels (this folder's WGSL), their uniform block and
 * bindings, declared once. Dispatched by SigmoidKernels (sigmoidKernels.ts).
 */
import sigmoidWgsl from './sigmoid.wgsl?raw';
import bpttWgsl from './bptt.wgsl?raw';
import surfaceWgsl from './surface.wgsl?raw';
import hessianWgsl from './sigmoid_hessian.wgsl?raw';
import pointsWgsl from './points.wgsl?raw';
import { UniformLayout } from '../webgpu/uniforms';
import { BindingLayout } from '../webgpu/bindings';

export const SIGMOID_UNIFORMS = new UniformLayout('SigmoidU', {
  res: 'u32',
  /** first row of this dispatch (surface) */
  offset: 'u32',
  pointCount: 'u32',
  steps: 'u32',
  x0: 'f32',
  /** the target (a reserved word in WGSL) */
  goal: 'f32',
});

const OUT = ['read_write', 'array<f32>'] as const;
const U = ['uniform', 'SigmoidU'] as const;

export const SIGMOID_BINDINGS = {
  surface: new BindingLayout({ u: U, wAxis: ['read', 'array<f32>'], bAxis: ['read', 'array<f32>'], costOut: OUT, wGradOut: OUT, bGradOut: OUT, sharpnessOut: OUT }),
  points: new BindingLayout({ u: U, points: ['read', 'array<vec2<f32>>'], pointOut: OUT, timeOut: OUT }),
} as const;

export type SigmoidKernel = keyof typeof SIGMOID_BINDINGS;

const SOURCES: Readonly<Record<SigmoidKernel, { files: string[]; entryPoint: string }>> = {
  // with the override SHARPNESS = true it also writes sharpnessOut (sigmoid_hessian.wgsl)
  surface: { files: [sigmoidWgsl, hessianWgsl, surfaceWgsl], entryPoint: 'sigmoid_surface' },
  // the points' g_k = dE/dx_k come from backpropagation (bptt.wgsl)
  points: { files: [sigmoidWgsl, bpttWgsl, pointsWgsl], entryPoint: 'sigmoid_points' },
};

/** A kernel's whole WGSL source and its entry point. */
export function sigmoidKernelSource(name: SigmoidKernel): { code: string; entryPoint: string } {
  const { files, entryPoint } = SOURCES[name];
  return { code: [SIGMOID_UNIFORMS.wgsl(), SIGMOID_BINDINGS[name].wgsl(), ...files].join('\n'), entryPoint };
}

/** The unit's float32 evaluation for other kernels (the atlas): sig_exp, SigEval, sig_forward. */
export const SIGMOID_WGSL = sigmoidWgsl;
