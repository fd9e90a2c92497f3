import { describe, expect, it } from 'vitest';
import { contourLayers, contourSegmentsAll, sampledContourLayers } from '../../../src/views/contours';

/** a bowl of log costs on a res x res grid */
function bowl(res: number): Float32Array {
  const v = new Float32Array(res * res);
  for (let j = 0; j < res; j++) for (let i = 0; i < res; i++) v[j * res + i] = ((i / (res - 1)) * 2 - 1) ** 2 * 4 + ((j / (res - 1)) * 2 - 1) ** 2;
  return v;
}

describe('contour lines on the 3D mesh grid', () => {
  const levels = [0.5, 1, 2, 3];
  it('a finer grid is traced on the mesh vertices (round(k (res - 1) / (m - 1))), with fewer segments', () => {
    const res = 41;
    const m = 17;
    const v = bowl(res);
    const picked = new Float32Array(m * m);
    const pick = (k: number) => Math.round((k * (res - 1)) / (m - 1));
    for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) picked[j * m + i] = v[pick(j) * res + pick(i)];
    const layers = sampledContourLayers(v, res, m, levels);
    expect(layers).toEqual(contourSegmentsAll(picked, m, m, levels));
    const full = contourSegmentsAll(v, res, res, levels);
    for (let l = 0; l < levels.length; l++) {
      expect(layers[l].length).toBeGreaterThan(0);
      expect(layers[l].length).toBeLessThan(full[l].length);
      for (const c of layers[l]) expect(c).toBeLessThanOrEqual(m - 1);
    }
  });
  it('a grid no finer than the mesh keeps every cell (the shared layers)', () => {
    const v = bowl(17);
    expect(sampledContourLayers(v, 17, 17, levels)).toBe(contourLayers(v, 17, levels));
  });
});
