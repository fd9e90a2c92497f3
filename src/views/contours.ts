/**
 * Marching squares: the segments where a row-major grid crosses a level. Coordinates are in grid
 * index units (x = column, y = row). Cells with a non-finite corner are skipped, so overflow
 * regions get no contour rather than a wrong one.
 */
export function contourSegments(v: ArrayLike<number>, cols: number, rows: number, level: number): number[] {
  const out: number[] = [];
  const lerp = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const a = v[r * cols + c]; // (c, r)
      const b = v[r * cols + c + 1]; // (c+1, r)
      const d = v[(r + 1) * cols + c]; // (c, r+1)
      const e = v[(r + 1) * cols + c + 1]; // (c+1, r+1)
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(d) && Number.isFinite(e))) continue;
      const pts: number[] = [];
      // edges in order: bottom (a-b), right (b-e), top (d-e), left (a-d)
      if (a < level !== b < level) pts.push(c + lerp(a, b), r);
      if (b < level !== e < level) pts.push(c + 1, r + lerp(b, e));
      if (d < level !== e < level) pts.push(c + lerp(d, e), r + 1);
      if (a < level !== d < level) pts.push(c, r + lerp(a, d));
      if (pts.length === 4) out.push(pts[0], pts[1], pts[2], pts[3]);
      else if (pts.length === 8) {
        // saddle: pair by the centre value
        const centre = (a + b + d + e) / 4;
        if (centre < level === a < level) out.push(pts[0], pts[1], pts[2], pts[3], pts[4], pts[5], pts[6], pts[7]);
        else out.push(pts[0], pts[1], pts[6], pts[7], pts[2], pts[3], pts[4], pts[5]);
      }
    }
  }
  return out;
}

const layersCache = new WeakMap<ArrayLike<number>, number[][]>();

/**
 * The segments of every contour level (contourLevels()) of a res x res grid of log costs,
 * computed once per grid and shared by the 3D view and the heatmap.
 */
export function contourLayers(logs: ArrayLike<number> & object, res: number, levels: readonly number[]): number[][] {
  let layers = layersCache.get(logs);
  if (!layers) {
    layers = levels.map((level) => contourSegments(logs, res, res, level));
    layersCache.set(logs, layers);
  }
  return layers;
}
