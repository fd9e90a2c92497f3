/**
 * The surface and point kernels' WGSL (this folder) and their uniform block: which files make
 * each pipeline and its entry point. Dispatched by src/gpu/webgpuBackend.ts.
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

export type SurfaceKernel = 'rows' | 'points' | 'fixup' | 'bptt' | 'evaluate';

const SOURCES: Readonly<Record<SurfaceKernel, { files: readonly string[]; entryPoint: string }>> = {
  rows: { files: [rowCoefWgsl, surfaceRowsWgsl], entryPoint: 'surface_rows' },
  points: { files: [surfacePointsWgsl], entryPoint: 'surface_points' },
  fixup: { files: [rowCoefWgsl, surfaceFixupWgsl], entryPoint: 'surface_fixup' },
  bptt: { files: [bpttWgsl, surfaceBpttWgsl], entryPoint: 'surface_bptt' },
  evaluate: { files: [bpttWgsl, evaluatePointsWgsl], entryPoint: 'evaluate_points' },
};

/** A kernel's whole WGSL source (the uniform struct, XF, its own files) and its entry point. */
export function surfaceKernelSource(name: SurfaceKernel): { code: string; entryPoint: string } {
  const { files, entryPoint } = SOURCES[name];
  return { code: [SURFACE_UNIFORMS.wgsl(), xfloatWgsl, ...files].join('\n'), entryPoint };
}
