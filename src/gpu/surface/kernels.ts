/**
 * The surface and point kernels' WGSL (this folder), their uniform block and each kernel's
 * bindings, declared once: which files make each pipeline and its entry point. Dispatched by
 * SurfaceKernels (surfaceKernels.ts).
 */
import xfloatWgsl from '../webgpu/xfloat.wgsl?raw';
import rowCoefWgsl from './row_coef.wgsl?raw';
import surfaceRowsWgsl from './surface_rows.wgsl?raw';
import surfacePointsWgsl from './surface_points.wgsl?raw';
import surfaceFixupWgsl from './surface_fixup.wgsl?raw';
import bpttWgsl from './bptt.wgsl?raw';
import evaluatePointsWgsl from './evaluate_points.wgsl?raw';
import surfaceBpttWgsl from './surface_bptt.wgsl?raw';
import { UniformLayout } from '../webgpu/uniforms';
import { BindingLayout } from '../webgpu/bindings';

/** The uniforms of every surface and point kernel (`u` at binding 0). */
export const SURFACE_UNIFORMS = new UniformLayout('Uniforms', {
  samples: 'u32',
  seqLen: 'u32',
  res: 'u32',
  /** first row (surface_bptt) or first quad of cells (surface_points) of this dispatch */
  offset: 'u32',
  pointCount: 'u32',
  /** 0x7f800000, passed at run time: a constant infinity is a shader-creation error in WGSL */
  infBits: 'u32',
});

const OUT = ['read_write', 'array<f32>'] as const;
const OUT4 = ['read_write', 'array<vec4<f32>>'] as const;
const U = ['uniform', 'Uniforms'] as const;

/** Each kernel's buffers, in binding order (the WGSL declarations are made from these). */
export const SURFACE_BINDINGS = {
  rows: new BindingLayout({
    u: U,
    xs: ['read', 'array<f32>'],
    targets: ['read', 'array<f32>'],
    wRecAxis: ['read', 'array<f32>'],
    rows: ['read_write', 'array<RowCoef>'],
    /** per row, two vec4s for the branch-free float32 pass: (R, C, wx*, 0) and (D, E, 0, 0) */
    rowsF32: ['read_write', 'array<vec4<f32>>'],
    /** the rows whose numbers leave float32; fixup.y counts them (surface_fixup's dispatch size) */
    fixupRows: ['read_write', 'array<u32>'],
    fixup: ['read_write', 'FixupArgs'],
  }),
  points: new BindingLayout({ u: U, wxAxis4: ['read', 'array<vec4<f32>>'], rowsF32: ['read', 'array<vec4<f32>>'], costOut: OUT4, wxGradOut: OUT4, wRecGradOut: OUT4, sharpnessOut: OUT4 }),
  fixup: new BindingLayout({
    u: U,
    wxAxis: ['read', 'array<f32>'],
    rows: ['read', 'array<RowCoef>'],
    fixupRows: ['read', 'array<u32>'],
    costOut: OUT,
    wxGradOut: OUT,
    wRecGradOut: OUT,
    sharpnessOut: OUT,
  }),
  bptt: new BindingLayout({
    u: U,
    xs: ['read', 'array<f32>'],
    targets: ['read', 'array<f32>'],
    wxAxis: ['read', 'array<f32>'],
    wRecAxis: ['read', 'array<f32>'],
    costOut: OUT,
    wxGradOut: OUT,
    wRecGradOut: OUT,
  }),
  evaluate: new BindingLayout({ u: U, xs: ['read', 'array<f32>'], targets: ['read', 'array<f32>'], points: ['read', 'array<vec2<f32>>'], pointOut: OUT, timeOut: OUT }),
} as const;

export type SurfaceKernel = keyof typeof SURFACE_BINDINGS;
/** The buffers of a kernel's bind group, by name. */
export type SurfaceBuffers<K extends SurfaceKernel> = Readonly<Record<keyof (typeof SURFACE_BINDINGS)[K]['specs'] & string, GPUBuffer>>;

const SOURCES: Readonly<Record<SurfaceKernel, { files: readonly string[]; entryPoint: string }>> = {
  rows: { files: [rowCoefWgsl, surfaceRowsWgsl], entryPoint: 'surface_rows' },
  points: { files: [surfacePointsWgsl], entryPoint: 'surface_points' },
  fixup: { files: [rowCoefWgsl, surfaceFixupWgsl], entryPoint: 'surface_fixup' },
  bptt: { files: [bpttWgsl, surfaceBpttWgsl], entryPoint: 'surface_bptt' },
  evaluate: { files: [bpttWgsl, evaluatePointsWgsl], entryPoint: 'evaluate_points' },
};

/** A kernel's whole WGSL source (the uniform struct, its bindings, XF, its own files) and its entry point. */
export function surfaceKernelSource(name: SurfaceKernel): { code: string; entryPoint: string } {
  const { files, entryPoint } = SOURCES[name];
  return { code: [SURFACE_UNIFORMS.wgsl(), SURFACE_BINDINGS[name].wgsl(), xfloatWgsl, ...files].join('\n'), entryPoint };
}
