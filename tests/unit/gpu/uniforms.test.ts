/**
 * Uniform blocks and bindings declared once (src/gpu/webgpu/uniforms.ts, bindings.ts): the WGSL
 * struct and declarations and what the host writes come from the same list, filled by name.
 */
import { describe, expect, it } from 'vitest';
import { UniformLayout } from '../../../src/gpu/webgpu/uniforms';
import { ATLAS_BINDINGS, ATLAS_UNIFORMS } from '../../../src/gpu/atlas/uniforms';
import { BindingLayout } from '../../../src/gpu/webgpu/bindings';
import { atlasShaderSource } from '../../../src/gpu/atlas/shader';
import { SURFACE_UNIFORMS } from '../../../src/gpu/surface/kernels';

describe('uniform layouts', () => {
  const layout = new UniformLayout('Demo', { count: 'u32', shift: 'i32', scale: 'f32' });

  it('write the WGSL struct with the fields in order and their types', () => {
    expect(layout.wgsl()).toBe('struct Demo {\n  count: u32,\n  shift: i32,\n  scale: f32,\n}\n');
    expect(layout.bytes).toBe(16);
  });

  it('fill the bytes by name: each field at its index, in its type (f32 rounded to float32)', () => {
    const v = layout.create().set({ scale: 0.1, count: 7, shift: -3 });
    expect(new Uint32Array(v.data)[0]).toBe(7);
    expect(new Int32Array(v.data)[1]).toBe(-3);
    expect(new Float32Array(v.data)[2]).toBe(Math.fround(0.1));
    v.set({ count: 0x7f800000 });
    expect(new Uint32Array(v.data)[0]).toBe(0x7f800000);
  });

  it('refuse a field the block does not have', () => {
    expect(() => layout.create().set({ nope: 1 } as never)).toThrow(/no field nope/);
  });

  it('size the atlas and surface blocks from their fields (whole 16-byte units)', () => {
    const n = Object.keys(ATLAS_UNIFORMS.fields).length;
    expect(ATLAS_UNIFORMS.bytes).toBe(Math.ceil((4 * n) / 16) * 16);
    expect(ATLAS_UNIFORMS.wgsl().split('\n').filter((l) => /^\s+\w+: (u32|i32|f32),$/.test(l))).toHaveLength(n);
    expect(SURFACE_UNIFORMS.wgsl()).toMatch(/^struct Uniforms \{\n {2}samples: u32,/);
  });
});

describe('binding layouts', () => {
  it('declare each buffer at its place in the list, with its address space and type', () => {
    const b = new BindingLayout({ u: ['uniform', 'Demo'], xs: ['read', 'array<f32>'], out: ['read_write', 'array<i32>'] });
    expect(b.wgsl()).toBe(
      '@group(0) @binding(0) var<uniform> u: Demo;\n@group(0) @binding(1) var<storage, read> xs: array<f32>;\n@group(0) @binding(2) var<storage, read_write> out: array<i32>;',
    );
  });

  it('give the atlas kernel every buffer it reads, and no other binding', () => {
    const names = Object.keys(ATLAS_BINDINGS.specs);
    expect(names).toEqual(['u', 'inp', 'cells', 'finalCostOut', 'convergedOut', 'divergedOut', 'list', 'args']);
    const src = atlasShaderSource('sgd', null);
    expect(src.match(/@binding\(/g)).toHaveLength(names.length);
  });
});
