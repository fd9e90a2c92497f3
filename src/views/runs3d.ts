/**
 * A run in the 3D view: every piece of its path inside the window (clip.ts), each as a fat line
 * (and a thin stand-in while the camera moves), a × where it leaves the window and a ring where
 * it comes in, notes at the first exit, the last return and where it leaves for good, and its
 * current point whenever that point is inside.
 */
import * as THREE from 'three/webgpu';
import type { CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';
import type { Line2 } from 'three/addons/lines/webgpu/Line2.js';
import { LineSegments2 } from 'three/addons/lines/webgpu/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/addons/lines/LineSegmentsGeometry.js';
import { clipRun, crossingNotes, iterateAt, shownPoints, type Crossing, type PathPiece, type Window } from './clip';
import { t } from '../i18n';
import { showSegments, singleDrawGeometry } from './fatLines';

export interface RunDraw {
  weights: readonly [number, number][];
  costs: readonly number[];
  css: string;
  diverged: number | null;
}

/** What a run's drawing needs from the view. */
export interface RunPainter {
  range: Window;
  /** a point on the surface at (wx, wRec) with this cost (a crossing: cost 0, on the mesh) */
  place(wx: number, wRec: number, cost: number): THREE.Vector3;
  polyline(points: THREE.Vector3[], color: number, width: number): Line2;
  label(text: string, className: string): CSS2DObject;
}

interface PieceLines {
  frames: number[];
  progress: Line2 | null;
  future: Line2 | null;
  thin: THREE.Line | null;
  thinProgress: THREE.Line | null;
}

export interface RunLine {
  pieces: PathPiece[];
  /** the pieces' points in world coordinates */
  points: THREE.Vector3[][];
  lines: PieceLines[];
  marker: THREE.Mesh;
  length: number;
}

/** the half-size (world units) of the × and ring at a crossing */
const MARK = 0.035;

/** Builds a run's objects into `group`; `marker` is its current point (added to the group by the caller when it is the run's own). */
export function drawRun(run: RunDraw, main: boolean, marker: THREE.Mesh, group: THREE.Group, paint: RunPainter): RunLine {
  const colour = new THREE.Color(run.css);
  const pieces = clipRun(run.weights, paint.range);
  const points = pieces.map((piece) => piece.points.map(([wx, wRec], i) => paint.place(wx, wRec, piece.iterates[i] >= 0 ? run.costs[piece.iterates[i]] : 0)));
  const lines = points.map((pts, i): PieceLines => {
    const lines: PieceLines = { frames: pieces[i].frames, progress: null, future: null, thin: null, thinProgress: null };
    if (pts.length < 2) return lines;
    lines.future = paint.polyline(pts, colour.getHex(), main ? 1.5 : 1.25);
    (lines.future.material as THREE.Line2NodeMaterial).opacity = 0.35;
    (lines.future.material as THREE.Line2NodeMaterial).transparent = true;
    lines.progress = paint.polyline(pts, colour.getHex(), main ? 3.5 : 2.5);
    const g = new THREE.BufferGeometry().setFromPoints(pts);
    lines.thin = new THREE.Line(g, new THREE.LineBasicMaterial({ color: colour, transparent: true, opacity: 0.35 }));
    lines.thinProgress = new THREE.Line(g, new THREE.LineBasicMaterial({ color: colour }));
    group.add(lines.future, lines.progress, lines.thin, lines.thinProgress);
    return lines;
  });
  const crossings = crossingMarks(pieces, paint, colour.getHex(), main);
  if (crossings) group.add(crossings);
  for (const note of crossingLabels(run, pieces, paint)) group.add(note);
  return { pieces, points, lines, marker, length: run.weights.length };
}

/** × at every exit, a ring at every entry, as one set of fat line segments. */
function crossingMarks(pieces: readonly PathPiece[], paint: RunPainter, colour: number, main: boolean): LineSegments2 | null {
  const pos: number[] = [];
  const seg = (a: THREE.Vector3, b: THREE.Vector3) => pos.push(a.x, a.y, a.z, b.x, b.y, b.z);
  const at = (c: Crossing) => paint.place(c.at[0], c.at[1], 0).add(new THREE.Vector3(0, 0.005, 0));
  for (const piece of pieces) {
    if (piece.exit) {
      const p = at(piece.exit);
      seg(p.clone().add(new THREE.Vector3(-MARK, 0, -MARK)), p.clone().add(new THREE.Vector3(MARK, 0, MARK)));
      seg(p.clone().add(new THREE.Vector3(-MARK, 0, MARK)), p.clone().add(new THREE.Vector3(MARK, 0, -MARK)));
    }
    if (piece.entry) {
      const p = at(piece.entry);
      const n = 12;
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n;
        const b = (2 * Math.PI * (i + 1)) / n;
        seg(p.clone().add(new THREE.Vector3(MARK * Math.cos(a), 0, MARK * Math.sin(a))), p.clone().add(new THREE.Vector3(MARK * Math.cos(b), 0, MARK * Math.sin(b))));
      }
    }
  }
  if (pos.length === 0) return null;
  const g = new LineSegmentsGeometry();
  g.setPositions(pos);
  const flat = singleDrawGeometry(g) as unknown as LineSegmentsGeometry;
  g.dispose();
  return new LineSegments2(flat, new THREE.Line2NodeMaterial({ color: colour, linewidth: main ? 3 : 2.5, worldUnits: false }));
}

/** Notes at the first exit, the last return and where the run leaves for good (no more: many exits must not clutter). */
function crossingLabels(run: RunDraw, pieces: readonly PathPiece[], paint: RunPainter): CSS2DObject[] {
  const notes = crossingNotes(pieces);
  const out: CSS2DObject[] = [];
  const note = (c: Crossing, text: string, className: string) => {
    const l = paint.label(text, className);
    l.element.style.color = run.css;
    l.position.copy(paint.place(c.at[0], c.at[1], 0)).add(new THREE.Vector3(0, 0.05, 0));
    out.push(l);
  };
  if (notes.firstExit) note(notes.firstExit, t('× leaves the plot at iteration {k}', { k: notes.firstExit.iteration }), 'label exit');
  if (notes.lastReturn) note(notes.lastReturn, t('returns to the plot at iteration {k}', { k: notes.lastReturn.iteration }), 'label return');
  // "diverged" only of a run that diverged (SPEC section 7), where it leaves for good or, inside, at its last point
  let end = notes.end;
  const last = pieces[pieces.length - 1];
  if (!end && run.diverged !== null && last && !last.exit && last.last === run.weights.length - 1) end = { at: last.points[last.points.length - 1], iteration: run.diverged };
  if (end) note(end, run.diverged !== null ? t('× diverged at iteration {k}', { k: run.diverged }) : t('× leaves the plot at iteration {k}', { k: end.iteration }), 'label exit');
  return out;
}

/** Shows a run up to iteration k; its current point where iterate k is inside, else none. */
export function showFrame(line: RunLine, k: number): void {
  const frame = Math.min(line.length - 1, Math.max(0, k));
  line.lines.forEach((l) => {
    const n = shownPoints(l.frames, frame);
    if (l.progress) showSegments(l.progress.geometry, n - 1);
    if (l.thinProgress) l.thinProgress.geometry.setDrawRange(0, n);
  });
  const at = iterateAt(line.pieces, frame);
  line.marker.visible = at !== null;
  if (at) line.marker.position.copy(line.points[at.piece][at.index]).add(new THREE.Vector3(0, 0.01, 0));
}

/** The fat lines, or their thin stand-ins while the camera moves. */
export function showQuality(line: RunLine, cheap: boolean): void {
  for (const l of line.lines) {
    if (l.progress) l.progress.visible = !cheap;
    if (l.future) l.future.visible = !cheap;
    if (l.thin) l.thin.visible = cheap;
    if (l.thinProgress) l.thinProgress.visible = cheap;
  }
}
