/**
 * The path clipper (src/views/clip.ts): a run cut segment by segment into the pieces inside the
 * plotted window, each with its iterates, the crossings of the edge and the frame each point
 * shows from.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clipRun, clipSegment, crossingNotes, insideWindow, iterateAt, shownPoints, type Window } from '../../../src/views/clip';

const W: Window = [0, 2, 0, 2];
type P = [number, number];

describe('clipSegment (Liang–Barsky)', () => {
  it('keeps a segment inside, cuts one that leaves, one that enters, one through two edges', () => {
    expect(clipSegment([0.5, 0.5], [1.5, 1], W)).toEqual([0, 1]);
    expect(clipSegment([1, 1], [3, 1], W)).toEqual([0, 0.5]);
    expect(clipSegment([-2, 1], [1, 1], W)).toEqual([2 / 3, 1]);
    expect(clipSegment([-1, 1], [3, 1], W)).toEqual([0.25, 0.75]);
  });

  it('gives null for a segment beside the window, and for one that misses a corner', () => {
    expect(clipSegment([3, 0], [3, 2], W)).toBeNull();
    expect(clipSegment([-1, 0.5], [0.5, -1], W)).toBeNull(); // x + y = -0.5 never reaches the window
  });

  it('crosses a corner: through it diagonally, the visible part is the diagonal', () => {
    const s = clipSegment([-1, -1], [3, 3], W)!;
    expect(s[0]).toBeCloseTo(0.25, 15);
    expect(s[1]).toBeCloseTo(0.75, 15);
    // touching the corner (2, 0) only: a single point
    const touch = clipSegment([1, -1], [3, 1], W)!;
    expect(touch[0]).toBeCloseTo(0.5, 15);
    expect(touch[1]).toBeCloseTo(0.5, 15);
  });

  it('handles 1e66 without overflow: the crossing is on the edge', () => {
    const [t0, t1] = clipSegment([1, 1], [1e66, 1], W)!;
    expect(t0).toBe(0);
    expect(1 + t1 * (1e66 - 1)).toBeCloseTo(2, 9);
  });
});

describe('clipRun', () => {
  it('keeps a run wholly inside as one piece with every iterate, no crossing', () => {
    const run: P[] = [[0.5, 0.5], [1, 1], [1.5, 1.2], [1.2, 1.1]];
    const pieces = clipRun(run, W);
    expect(pieces).toHaveLength(1);
    expect(pieces[0].points).toEqual(run);
    expect(pieces[0].iterates).toEqual([0, 1, 2, 3]);
    expect(pieces[0].frames).toEqual([0, 1, 2, 3]);
    expect(pieces[0].entry).toBeNull();
    expect(pieces[0].exit).toBeNull();
    expect(crossingNotes(pieces)).toEqual({ firstExit: null, lastReturn: null, end: null });
  });

  it('draws a run that starts outside from where it comes in (the old clipPath drew nothing)', () => {
    // the tutorial's zoom: start (-1.5, 2) outside [0, 2]^2
    const run: P[] = [[-1.5, 2], [-0.5, 1.5], [0.5, 1.25], [1, 1]];
    const pieces = clipRun(run, W);
    expect(pieces).toHaveLength(1);
    const p = pieces[0];
    expect(p.entry!.iteration).toBe(2);
    expect(p.entry!.at[0]).toBe(0);
    expect(p.entry!.at[1]).toBeCloseTo(1.375, 12);
    expect(p.iterates).toEqual([-1, 2, 3]);
    expect(p.frames).toEqual([2, 2, 3]);
    expect(p.exit).toBeNull();
    expect(iterateAt(pieces, 0)).toBeNull();
    expect(iterateAt(pieces, 1)).toBeNull();
    expect(iterateAt(pieces, 2)).toEqual({ piece: 0, index: 1 });
    expect(iterateAt(pieces, 3)).toEqual({ piece: 0, index: 2 });
    // a start outside that comes in is not a "return"
    expect(crossingNotes(pieces)).toEqual({ firstExit: null, lastReturn: null, end: null });
  });

  it('leaves and comes back several times: one piece per stay, crossings on the edge, notes at the first exit and the last return', () => {
    const run: P[] = [[1, 1], [3, 1], [1.5, 1.5], [1.5, 3], [1, 1.5], [-1, 1], [0.5, 0.5], [1, 1]];
    const pieces = clipRun(run, W);
    expect(pieces.map((p) => p.iterates.filter((i) => i >= 0))).toEqual([[0], [2], [4], [6, 7]]);
    expect(pieces.map((p) => p.exit?.iteration ?? null)).toEqual([1, 3, 5, null]);
    expect(pieces.map((p) => p.entry?.iteration ?? null)).toEqual([null, 2, 4, 6]);
    expect(pieces[0].exit!.at).toEqual([2, 1]);
    expect(pieces[1].entry!.at).toEqual([2, 1 + 0.5 * (2 / 3)]);
    expect(pieces[1].exit!.at).toEqual([1.5, 2]);
    for (const p of pieces) for (const q of p.points) expect(insideWindow(q, W)).toBe(true);
    const notes = crossingNotes(pieces);
    expect(notes.firstExit!.iteration).toBe(1);
    expect(notes.lastReturn!.iteration).toBe(6);
    expect(notes.end).toBeNull();
    // the current point: drawn whenever it is inside
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => iterateAt(pieces, k) !== null)).toEqual([true, false, true, false, true, false, true, true]);
    for (const k of [0, 2, 4, 6, 7]) {
      const at = iterateAt(pieces, k)!;
      expect(pieces[at.piece].points[at.index]).toEqual(run[k]);
    }
  });

  it('a run that leaves for good: "end" is its exit, and the line stops on the edge (never at 1e66)', () => {
    const run: P[] = [[1, 1], [1.5, 1.5], [1e66, -1e70]];
    const pieces = clipRun(run, W);
    expect(pieces).toHaveLength(1);
    const exit = pieces[0].exit!;
    expect(exit.iteration).toBe(2);
    expect(insideWindow(exit.at, W)).toBe(true);
    expect(pieces[0].points.at(-1)).toEqual(exit.at);
    const notes = crossingNotes(pieces);
    expect(notes.end).toBe(exit);
    expect(notes.firstExit).toBeNull();
  });

  it('many exits, ending outside: three notes only (first exit, last return, the exit for good)', () => {
    const run: P[] = [];
    for (let i = 0; i < 20; i++) run.push(i % 2 === 0 ? [1, 1] : [3, 1]); // in and out ten times
    run.push([1, 1], [1e66, 1e66]);
    const pieces = clipRun(run, W);
    expect(pieces).toHaveLength(11);
    const notes = crossingNotes(pieces);
    expect(notes.firstExit!.iteration).toBe(1);
    expect(notes.lastReturn!.iteration).toBe(20);
    expect(notes.end!.iteration).toBe(21);
    expect(notes.end!.at).toEqual([2, 2]);
  });

  it('ends a piece at a point that is not finite, and draws nothing towards it', () => {
    for (const bad of [[NaN, 1], [Infinity, 1], [1, -Infinity], [NaN, NaN]] as P[]) {
      const run: P[] = [[1, 1], [1.5, 1.5], bad, [1, 1.2], [0.5, 0.5]];
      const pieces = clipRun(run, W);
      expect(pieces).toHaveLength(2);
      expect(pieces[0].points).toEqual([[1, 1], [1.5, 1.5]]);
      expect(pieces[0].exit).toEqual({ at: [1.5, 1.5], iteration: 2 });
      expect(pieces[1].points).toEqual([[1, 1.2], [0.5, 0.5]]);
      expect(pieces[1].iterates).toEqual([3, 4]);
      expect(iterateAt(pieces, 2)).toBeNull();
      expect(iterateAt(pieces, 3)).toEqual({ piece: 1, index: 0 });
      for (const p of pieces) for (const q of p.points) expect(q.every(Number.isFinite)).toBe(true);
    }
  });

  it('a run wholly outside has no piece; one that passes through a corner only its segment inside', () => {
    expect(clipRun([[3, 3], [4, 4], [5, -1]], W)).toEqual([]);
    expect(clipRun([[-1, 1], [1, -1]], W)).toEqual([]); // touches the corner (0, 0) only
    const through = clipRun([[-0.5, 1.2], [0.5, 2.2]], W); // cuts the corner (0, 2): in at (0, 1.7), out at (0.3, 2)
    expect(through).toHaveLength(1);
    expect(through[0].iterates).toEqual([-1, -1]);
    expect(through[0].entry!.iteration).toBe(1);
    expect(through[0].exit!.iteration).toBe(1);
    expect(through[0].points[0][0]).toBe(0);
    expect(through[0].points[0][1]).toBeCloseTo(1.7, 12);
    expect(through[0].points[1][0]).toBeCloseTo(0.3, 12);
    expect(through[0].points[1][1]).toBe(2);
    expect(iterateAt(through, 0)).toBeNull();
    expect(iterateAt(through, 1)).toBeNull();
    // a pass-through is not a return
    expect(crossingNotes(through).lastReturn).toBeNull();
  });

  it('shows a piece frame by frame: the entry crossing with its first iterate, the exit crossing with the first iterate outside', () => {
    const run: P[] = [[-1, 1], [0.5, 1], [1, 1], [3, 1]];
    const [p] = clipRun(run, W);
    expect(p.frames).toEqual([1, 1, 2, 3]);
    expect([0, 1, 2, 3, 9].map((k) => shownPoints(p.frames, k))).toEqual([0, 2, 3, 4, 4]);
  });

  it('property: every point of every piece lies in the window, iterates in order, each inside iterate drawn exactly once', () => {
    const coord = fc.oneof(fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 1e66, -1e300));
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord), { maxLength: 40 }), (run) => {
        const pieces = clipRun(run, W);
        const drawn: number[] = [];
        for (const p of pieces) {
          expect(p.points.length).toBe(p.frames.length);
          expect(p.points.length).toBe(p.iterates.length);
          for (const q of p.points) expect(insideWindow(q, W)).toBe(true);
          for (let i = 1; i < p.frames.length; i++) expect(p.frames[i]).toBeGreaterThanOrEqual(p.frames[i - 1]);
          drawn.push(...p.iterates.filter((i) => i >= 0));
        }
        const inside = run.map((q, i) => (Number.isFinite(q[0]) && Number.isFinite(q[1]) && insideWindow(q, W) ? i : -1)).filter((i) => i >= 0);
        expect(drawn).toEqual(inside);
        for (const i of inside) expect(iterateAt(pieces, i)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
