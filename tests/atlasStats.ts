/**
 * SPEC section 8's statistics for comparing two atlases whose cells may differ one by one (float32
 * against float64, or an lr-mode atlas, which is chaotic near its boundary): the share of cells of
 * the same class, of convergedAt within max(10, 10%) among the cells that converge in both, and of
 * final costs within 0.1 decades among the cells that diverge in neither. Shared by the unit and
 * browser tests (no DOM, no Node APIs).
 */
export interface AtlasCells {
  finalCost: ArrayLike<number>;
  convergedAt: ArrayLike<number>;
  divergedAt: ArrayLike<number>;
}

export interface AtlasAgreement {
  cells: number;
  /** share of cells with the same class */
  classes: number;
  /** cells that converge in both, and the share of them with convergedAt within max(10, 10%) */
  bothConverged: number;
  convergedAt: number;
  /** cells that diverge in neither, and the share of them whose final costs are within 0.1 decades (or costFloor) */
  neitherDiverged: number;
  finalCost: number;
  /** cells that diverge in both, and the share of them with the same divergedAt */
  bothDiverged: number;
  divergedAt: number;
  /** NaN anywhere in got's final costs */
  nan: boolean;
}

const cls = (c: number, d: number) => (d >= 0 ? 'd' : c >= 0 ? 'c' : 'n');
/** The fixtures write +Infinity as 1e308. */
const inf = (v: number) => (v >= 1e308 ? Infinity : v);

/**
 * `costFloor`: final costs that differ by at most this much also agree (float32 resolves a cost near
 * the optimum only to about 1e-7 of the targets' squares; a relative comparison of 1e-9 against
 * 1e-11 says nothing there).
 */
export function atlasAgreement(got: AtlasCells, ref: AtlasCells, costFloor = 0): AtlasAgreement {
  const n = ref.convergedAt.length;
  if (got.convergedAt.length !== n || got.divergedAt.length !== n || got.finalCost.length !== n) throw new Error(`atlasAgreement: ${got.convergedAt.length} cells against ${n}`);
  let classes = 0;
  let bothConverged = 0;
  let convergedAt = 0;
  let neitherDiverged = 0;
  let finalCost = 0;
  let bothDiverged = 0;
  let divergedAt = 0;
  let nan = false;
  for (let i = 0; i < n; i++) {
    const gc = got.convergedAt[i];
    const gd = got.divergedAt[i];
    const rc = ref.convergedAt[i];
    const rd = ref.divergedAt[i];
    if (Number.isNaN(got.finalCost[i])) nan = true;
    if (cls(gc, gd) === cls(rc, rd)) classes++;
    if (gd < 0 && rd < 0 && gc >= 0 && rc >= 0) {
      bothConverged++;
      if (Math.abs(gc - rc) <= Math.max(10, 0.1 * rc)) convergedAt++;
    }
    if (gd < 0 && rd < 0) {
      neitherDiverged++;
      const a = inf(got.finalCost[i]);
      const b = inf(ref.finalCost[i]);
      // within 0.1 decades; two costs of 0 (or below 1e-300) agree
      if (Math.abs(a - b) <= costFloor || Math.abs(Math.log10(Math.max(a, 1e-300)) - Math.log10(Math.max(b, 1e-300))) <= 0.1) finalCost++;
    }
    if (gd >= 0 && rd >= 0) {
      bothDiverged++;
      if (gd === rd) divergedAt++;
    }
  }
  const share = (k: number, of: number) => (of > 0 ? k / of : 1);
  return {
    cells: n,
    classes: share(classes, n),
    bothConverged,
    convergedAt: share(convergedAt, bothConverged),
    neitherDiverged,
    finalCost: share(finalCost, neitherDiverged),
    bothDiverged,
    divergedAt: share(divergedAt, bothDiverged),
    nan,
  };
}
