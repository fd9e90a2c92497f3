/**
 * The atlas kernel's source (src/gpu/atlas/shader.ts): optimiser ids generated from OPTIMISERS,
 * a step for every optimiser, no test that depends on their order, and small functions.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atlasShaderSource, optimiserConstName, optimiserConstants } from '../../../src/gpu/atlas/shader';
import { OPTIMISERS, isRpropFamily } from '../../../src/model/optimiserSpec';

const dir = join(__dirname, '../../../src/gpu/atlas');
const wgslFiles = readdirSync(dir).filter((f) => f.endsWith('.wgsl'));
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('atlas shader source', () => {
  it('numbers every optimiser by its place in OPTIMISERS, and sets OPT and its family', () => {
    OPTIMISERS.forEach((opt, i) => {
      const src = optimiserConstants(opt);
      for (const [j, o] of OPTIMISERS.entries()) expect(src).toContain(`const ${optimiserConstName(o)} = ${j}u;`);
      expect(src).toContain(`const OPT: u32 = ${optimiserConstName(opt)};`);
      expect(src).toContain(`const RPROP_FAMILY = ${isRpropFamily(opt)};`);
      expect(i).toBe(OPTIMISERS.indexOf(opt));
    });
    expect(new Set(OPTIMISERS.map(optimiserConstName)).size).toBe(OPTIMISERS.length);
    expect(optimiserConstName('irprop+')).toBe('O_IRPROP_PLUS');
    expect(optimiserConstName('rprop-')).toBe('O_RPROP_MINUS');
  });

  it('has a step for every optimiser, and no O_* the host does not make', () => {
    const main = read('main.wgsl');
    const step = main.slice(main.indexOf('fn optimiser_step'), main.indexOf('\n}\n', main.indexOf('fn optimiser_step')));
    for (const o of OPTIMISERS) expect(step, `${o} has no branch in optimiser_step`).toContain(`OPT == ${optimiserConstName(o)}`);
    const made = new Set(OPTIMISERS.map(optimiserConstName));
    for (const f of wgslFiles) for (const m of read(f).matchAll(/\bO_[A-Z_]+\b/g)) expect(made, `${f}: ${m[0]}`).toContain(m[0]);
  });

  it('compares optimiser ids only for equality (no order test such as OPT <= O_IRPROP_PLUS)', () => {
    for (const f of wgslFiles) expect(read(f), f).not.toMatch(/\bOPT\s*(<|>|<=|>=)|(<|>|<=|>=)\s*OPT\b|O_[A-Z_]+\s*(<|>)|(<|>)=?\s*O_[A-Z_]+/);
  });

  it('puts the uniform struct, the constants and every file into the full and the lean kernel', () => {
    const full = atlasShaderSource('adam', null);
    const lean = atlasShaderSource('adam', 'fn poly_fast(r: f32) -> vec4<f32> { return vec4<f32>(r); }');
    for (const src of [full, lean]) {
      expect(src).toMatch(/struct AtlasU \{/);
      expect(src).toContain('const OPT: u32 = O_ADAM;');
      expect(src).toContain('fn atlas_main(');
      expect(src).toContain('fn step_adam(');
    }
    expect(full).toContain('const FULL = true;');
    expect(full).toContain('let v = wc4[g - 1u];');
    expect(lean).toContain('const FULL = false;');
    expect(lean).not.toContain('let v = wc4[g - 1u];');
  });

  it('reads every uniform the kernel uses from the declared block', () => {
    const declared = new Set(atlasShaderSource('rprop', null).match(/struct AtlasU \{[^}]*\}/)![0].match(/\w+(?=:)/g));
    for (const f of wgslFiles) for (const m of read(f).matchAll(/\bu\.(\w+)/g)) expect(declared, `${f}: u.${m[1]}`).toContain(m[1]);
  });
});

describe('the generic first pass (sweeps over many data sets)', () => {
  it('is the lean pass with the generic poly_fast: coefficients loaded from memory, no per-data-set code', async () => {
    const { GENERIC_LEAN } = await import('../../../src/gpu/atlas/shader');
    const generic = atlasShaderSource('sgd', GENERIC_LEAN);
    expect(generic).toContain('const FULL = false;');
    expect(generic).toContain('const GENERIC_POLY = true;');
    expect(generic).toContain(read('poly.wgsl'));
    expect(atlasShaderSource('sgd', null)).toContain('const GENERIC_POLY = true;');
    const lean = atlasShaderSource('sgd', 'fn poly_fast(r: f32) -> vec4<f32> { return vec4<f32>(r); }');
    expect(lean).toContain('const GENERIC_POLY = false;');
    expect(lean).not.toContain(read('poly.wgsl'));
    expect(read('main.wgsl')).toMatch(/if \(GENERIC_POLY\) \{\s*load_coefficients\(lid\);/);
  });
});
