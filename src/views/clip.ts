/**
 * Which parts of a run lie in the plotted window: the path cut segment by segment (Liang–Barsky)
 * into the pieces inside it. A run may leave and come back any number of times; a point that is
 * not finite ends a piece (nothing is drawn towards it), so no line ever runs to 1e66 or to
 * infinity.
 */

export type Window = readonly [number, number, number, number];
export type Point = readonly [number, number];

/** Where a run crosses the window's edge, and the first iteration on the far side. */
export interface Crossing {
  at: [number, number];
  /** leaving: the first iterate outside; coming in: the first iterate after the crossing (it may be outside again, a segment through a corner) */
  iteration: number;
}

export interface PathPiece {
  /** the points drawn, in order: the entry crossing, the iterates inside, the exit crossing */
  points: [number, number][];
  /**
   * For each point, the frame from which it is shown: an iterate's own index; the entry
   * crossing, the first iterate after it; the exit crossing, the first iterate outside.
   */
  frames: number[];
  /** for each point, the iterate it is (its index in the run), or -1 for a crossing */
  iterates: number[];
  /** where the piece comes in (null: it starts with the run's first iterate, inside) */
  entry: Crossing | null;
  /** where it leaves (null: the run ends inside) */
  exit: Crossing | null;
  /** the first and last iterate inside ([-1, -1] for a segment that only passes through) */
  first: number;
  last: number;
}

const finite = (p: Point) => Number.isFinite(p[0]) && Number.isFinite(p[1]);

export function insideWindow(p: Point, w: Window): boolean {
  return p[0] >= w[0] && p[0] <= w[1] && p[1] >= w[2] && p[1] <= w[3];
}

/** Liang–Barsky: the parameters [t0, t1] of the part of p + t(q - p), 0 <= t <= 1, inside w, or null. */
export function clipSegment(p: Point, q: Point, w: Window): [number, number] | null {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  let t0 = 0;
  let t1 = 1;
  // each edge as (-direction, distance to it): left, right, bottom, top
  const edges: [number, number][] = [[-dx, p[0] - w[0]], [dx, w[1] - p[0]], [-dy, p[1] - w[2]], [dy, w[3] - p[1]]];
  for (const [pk, qk] of edges) {
    if (pk === 0) {
      if (qk < 0) return null; // parallel to this edge and beyond it
      continue;
    }
    const r = qk / pk;
    if (pk < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

function lerp(p: Point, q: Point, t: number, w: Window): [number, number] {
  // clamped: rounding must not put a crossing a hair outside the window
  const x = t === 0 ? p[0] : t === 1 ? q[0] : p[0] + t * (q[0] - p[0]);
  const y = t === 0 ? p[1] : t === 1 ? q[1] : p[1] + t * (q[1] - p[1]);
  return [Math.min(w[1], Math.max(w[0], x)), Math.min(w[3], Math.max(w[2], y))];
}

/** The pieces of the path `weights` (weights[k] = iterate k) inside the window, in order. */
export function clipRun(weights: readonly Point[], w: Window): PathPiece[] {
  const pieces: PathPiece[] = [];
  let cur: PathPiece | null = null;
  const open = (at: [number, number], frame: number, entry: Crossing | null, iterate: number) => {
    cur = { points: [at], frames: [frame], iterates: [iterate], entry, exit: null, first: iterate, last: iterate };
    pieces.push(cur);
    return cur;
  };
  const add = (piece: PathPiece, at: [number, number], frame: number, iterate: number) => {
    piece.points.push(at);
    piece.frames.push(frame);
    piece.iterates.push(iterate);
  };
  if (weights.length > 0 && finite(weights[0]) && insideWindow(weights[0], w)) open([weights[0][0], weights[0][1]], 0, null, 0);
  for (let j = 0; j + 1 < weights.length; j++) {
    const p = weights[j];
    const q = weights[j + 1];
    const k = j + 1;
    const piece = cur as PathPiece | null;
    if (!finite(p) || !finite(q)) {
      // nothing is drawn towards a point that is not finite: the run leaves where it is
      if (piece) piece.exit = { at: piece.points[piece.points.length - 1], iteration: k };
      cur = null;
      if (finite(q) && insideWindow(q, w)) open([q[0], q[1]], k, { at: [q[0], q[1]], iteration: k }, k);
      continue;
    }
    const qIn = insideWindow(q, w);
    // (an iterate inside is always drawn, whatever rounding says of a segment from 1e300)
    const span = clipSegment(p, q, w) ?? (qIn ? [1, 1] : null);
    // outside to outside through a single point (a corner touched): nothing to draw
    if (!span || (!piece && span[0] === span[1] && !qIn)) {
      if (piece) piece.exit = { at: piece.points[piece.points.length - 1], iteration: k };
      cur = null;
      continue;
    }
    const [t0, t1] = span;
    let into = piece;
    if (!into) {
      const at = lerp(p, q, t0, w);
      into = open(at, k, { at, iteration: k }, -1);
    }
    // (t1 = 1 by rounding for an endpoint a hair outside: that endpoint is not an iterate inside)
    if (t1 < 1 || !qIn) {
      const at = lerp(p, q, t1, w);
      add(into, at, k, -1);
      into.exit = { at, iteration: k };
      cur = null;
    } else {
      add(into, [q[0], q[1]], k, k);
      if (into.first < 0) into.first = k;
      into.last = k;
    }
  }
  return pieces;
}

/** The index of the iterate k's point in its piece, or null when iterate k is not drawn (outside, or past the run). */
export function iterateAt(pieces: readonly PathPiece[], k: number): { piece: number; index: number } | null {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.first < 0 || k < p.first || k > p.last) continue;
    // the iterates of a piece are consecutive, after its entry crossing if it has one
    return { piece: i, index: k - p.first + (p.iterates[0] < 0 ? 1 : 0) };
  }
  return null;
}

/** How many points of a piece (its `frames`) are shown at frame k (its line has that many minus one segments). */
export function shownPoints(frames: readonly number[], k: number): number {
  let n = 0;
  while (n < frames.length && frames[n] <= k) n++;
  return n;
}

/** The crossings worth a note, so that many exits do not clutter the view. */
export interface CrossingNotes {
  /** the first time the run leaves, unless that is also the last (then it is `end`) */
  firstExit: Crossing | null;
  /** the last time it comes back after having left (a start outside coming in is not a return) */
  lastReturn: Crossing | null;
  /** where it leaves for good: the run ends outside */
  end: Crossing | null;
}

export function crossingNotes(pieces: readonly PathPiece[]): CrossingNotes {
  const exits = pieces.filter((p) => p.exit).map((p) => p.exit!);
  // the run ends outside when its last piece left
  const end = pieces.length > 0 && pieces[pieces.length - 1].exit ? exits[exits.length - 1] : null;
  const firstExit = exits.length > 0 && exits[0] !== end ? exits[0] : null;
  // a return: the entry of a later piece (the one before it left) that holds an iterate
  let lastReturn: Crossing | null = null;
  for (let i = 1; i < pieces.length; i++) if (pieces[i].entry && pieces[i].first >= 0) lastReturn = pieces[i].entry;
  return { firstExit, lastReturn, end };
}
