/**
 * The box-counting dimension of an atlas's boundary between diverged and not diverged cells
 * (SPEC section 8; Sohl-Dickstein 2024 measures it for small networks). Pure model code, no DOM.
 */

/** At least this many box sizes make a dimension. */
const MIN_SIZES = 4;

/**
 * SPEC section 8: a cell is on the boundary when its right or lower neighbour (the next column,
 * the next row) has the other flag. For box sizes s = 1, 2, 4, ... while s <= min(rows, cols) / 8,
 * N(s) counts the boxes of an aligned s x s grid (partial boxes at the far edges count) that hold
 * a boundary cell; the dimension is minus the least-squares slope of ln N(s) against ln s. Null
 * with fewer than 4 sizes or no boundary cell. `diverged(i)` is the flag of cell i, row-major.
 */
export function boundaryDimension(rows: number, cols: number, diverged: (i: number) => boolean): number | null {
  const sizes: number[] = [];
  for (let s = 1; s <= Math.min(rows, cols) / 8; s *= 2) sizes.push(s);
  if (sizes.length < MIN_SIZES) return null;
  const edge = new Uint8Array(rows * cols);
  let any = false;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const f = diverged(i);
      if ((c + 1 < cols && diverged(i + 1) !== f) || (r + 1 < rows && diverged(i + cols) !== f)) {
        edge[i] = 1;
        any = true;
      }
    }
  if (!any) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of sizes) {
    const bc = Math.ceil(cols / s);
    const boxes = new Uint8Array(Math.ceil(rows / s) * bc);
    let count = 0;
    for (let i = 0; i < edge.length; i++) {
      if (!edge[i]) continue;
      const b = Math.floor(Math.floor(i / cols) / s) * bc + Math.floor((i % cols) / s);
      if (!boxes[b]) {
        boxes[b] = 1;
        count++;
      }
    }
    xs.push(Math.log(s));
    ys.push(Math.log(count));
  }
  return -leastSquaresSlope(xs, ys);
}

/** The slope of the least-squares line through (xs[i], ys[i]). */
function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  return sxy / sxx;
}

/** The boundary dimension of an atlas result (row-major, `cols` cells per row): diverged = divergedAt >= 0. */
export function atlasBoundaryDimension(divergedAt: Int32Array, cols: number): number | null {
  if (cols <= 0 || divergedAt.length % cols !== 0) return null;
  return boundaryDimension(divergedAt.length / cols, cols, (i) => divergedAt[i] >= 0);
}
