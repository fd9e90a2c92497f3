/**
 * Marching squares: the segments where a row-major grid crosses a level. Coordinates are in grid
 * index units (x = column, y = row). Cells with a non-finite corner are skipped, so overflow
 * regions get no contour rather than a wrong one.
 */
export function contourSegments(v: ArrayLike<number>, cols: number, rows: number, level: number): number[] {
  return contourSegmentsAll(v, cols, rows, [level])[0];
}

const layersCache = new WeakMap<ArrayLike<number>, number[][]>();

/**
 * The segments of every contour level (contourLevels()) of a res x res grid of log costs,
 * computed once per grid and shared by the 3D view and the heatmap.
 */
export function contourLayers(logs: ArrayLike<number> & object, res: number, levels: readonly number[]): number[][] {
  let layers = layersCache.get(logs);
  if (!layers) {
    layers = contourSegmentsAll(logs, res, res, levels);
    layersCache.set(logs, layers);
  }
  return layers;
}

const sampledCache = new WeakMap<ArrayLike<number>, { m: number; layers: number[][] }>();

/**
 * contourLayers of the res x res grid sampled at m x m points (m < res), the points the 3D
 * surface mesh has as its vertices (column or row round(k (res - 1) / (m - 1))), so that the
 * lines lie on the drawn surface. Coordinates are in the sampled grid's index units (0..m-1).
 */
export function sampledContourLayers(logs: ArrayLike<number> & object, res: number, m: number, levels: readonly number[]): number[][] {
  if (m >= res) return contourLayers(logs, res, levels);
  const hit = sampledCache.get(logs);
  if (hit && hit.m === m) return hit.layers;
  const pick = (k: number) => Math.round((k * (res - 1)) / (m - 1));
  const sampled = new Float32Array(m * m);
  for (let j = 0; j < m; j++) {
    const row = pick(j) * res;
    for (let i = 0; i < m; i++) sampled[j * m + i] = logs[row + pick(i)];
  }
  const layers = contourSegmentsAll(sampled, m, m, levels);
  sampledCache.set(logs, { m, layers });
  return layers;
}

/**
 * contourSegments for several levels in one pass over the cells: the same arrays as
 * levels.map((l) => contourSegments(v, cols, rows, l)), segment for segment in the same order,
 * but each cell is only looked at for the levels between its lowest and highest corner.
 */
export function contourSegmentsAll(v: ArrayLike<number>, cols: number, rows: number, levels: readonly number[]): number[][] {
  const out: number[][] = levels.map(() => []);
  // the levels in ascending order (ties keep their order)
  const order = levels.map((_, i) => i).sort((i, j) => levels[i] - levels[j] || i - j);
  const sorted = order.map((i) => levels[i]);
  const n = sorted.length;
  if (n === 0) return out;
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const a = v[r * cols + c]; // (c, r)
      const b = v[r * cols + c + 1]; // (c+1, r)
      const d = v[(r + 1) * cols + c]; // (c, r+1)
      const e = v[(r + 1) * cols + c + 1]; // (c+1, r+1)
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(d) && Number.isFinite(e))) continue;
      // a level crosses the cell when lowest corner < level <= highest corner
      const lo = Math.min(a, b, d, e);
      const hi = Math.max(a, b, d, e);
      if (!(sorted[0] <= hi && sorted[n - 1] > lo)) continue;
      // the first level above lo
      let k0 = 0;
      let k1 = n;
      while (k0 < k1) {
        const mid = (k0 + k1) >> 1;
        if (sorted[mid] > lo) k1 = mid;
        else k0 = mid + 1;
      }
      for (let k = k0; k < n && sorted[k] <= hi; k++) {
        const level = sorted[k];
        const seg = out[order[k]];
        const ab = a < level !== b < level;
        const be = b < level !== e < level;
        const de = d < level !== e < level;
        const ad = a < level !== d < level;
        const count = (ab ? 1 : 0) + (be ? 1 : 0) + (de ? 1 : 0) + (ad ? 1 : 0);
        if (count === 2) {
          // edges in order: bottom (a-b), right (b-e), top (d-e), left (a-d)
          if (ab) seg.push(c + (level - a) / (b - a), r);
          if (be) seg.push(c + 1, r + (level - b) / (e - b));
          if (de) seg.push(c + (level - d) / (e - d), r + 1);
          if (ad) seg.push(c, r + (level - a) / (d - a));
        } else if (count === 4) {
          // saddle: pair by the centre value
          const x0 = c + (level - a) / (b - a);
          const y1 = r + (level - b) / (e - b);
          const x2 = c + (level - d) / (e - d);
          const y3 = r + (level - a) / (d - a);
          const centre = (a + b + d + e) / 4;
          if (centre < level === a < level) seg.push(x0, r, c + 1, y1, x2, r + 1, c, y3);
          else seg.push(x0, r, c, y3, c + 1, y1, x2, r + 1);
        }
      }
    }
  }
  return out;
}
