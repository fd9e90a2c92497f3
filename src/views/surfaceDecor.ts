/**
 * What the 3D view draws around the surface, built once per surface into its group: the contour
 * lines, the lines |wRec| = 1, the valley floor, the axes and the tutorial's six points.
 */
import * as THREE from 'three/webgpu';
import { Line2 } from 'three/addons/lines/webgpu/Line2.js';
import { LineGeometry } from 'three/addons/lines/LineGeometry.js';
import type { SurfaceResult } from '../gpu/backend';
import { contourLevels } from './colormap';
import { sampledContourLayers } from './contours';
import { TUTORIAL_POINTS, niceTicks, formatTick, type MarkedPoint } from './common';
import type { ModelLineView, ModelPointView } from '../present/modelView';
import { boundingSphereOf, label } from './meshUtils';
import { singleDrawGeometry } from './fatLines';
import { t } from '../i18n';

/** The 3D view's frame: the plotted range, the height scale and where a weight pair lies. */
export interface SurfaceFrame {
  readonly range: readonly [number, number, number, number];
  /** the top of the height scale (decades of cost + 1) */
  readonly hMax: number;
  worldX(wx: number): number;
  worldZ(wRec: number): number;
  onSurface(wx: number, wRec: number, cost: number, lift?: number): THREE.Vector3;
  readonly group: THREE.Group;
}

/** The mesh has at most this many vertices per side; finer grids are sampled (as the mesh). */
export const MESH_MAX = 257;
/** the surface's height in world units */
export const HEIGHT = 1.1;

/**
 * The contour lines of a res x res grid of log costs (or a model's cost), traced on the mesh's
 * own grid (at most MESH_MAX points per side, the mesh's vertices): finer grids would only add
 * thousands of tiny segments across each mesh cell, all drawn every frame.
 */
export function contourLines(f: SurfaceFrame, logs: Float32Array, res: number, levels: number[] = contourLevels()): THREE.LineSegments {
  const m = Math.min(res, MESH_MAX);
  const layers = sampledContourLayers(logs, res, m, levels);
  let n = 0;
  for (const seg of layers) n += seg.length / 2;
  const pts = new Float32Array(3 * n);
  let k = 0;
  for (let li = 0; li < levels.length; li++) {
    const level = levels[li];
    const seg = layers[li];
    const y = (HEIGHT * Math.min(level, f.hMax)) / f.hMax + 0.004;
    for (let i = 0; i < seg.length; i += 2) {
      pts[k++] = -1 + (2 * seg[i]) / (m - 1);
      pts[k++] = y;
      pts[k++] = 1 - (2 * seg[i + 1]) / (m - 1);
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(pts, 3));
  if (n > 0) g.boundingSphere = boundingSphereOf(pts);
  return new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: 0x0b0d12, transparent: true, opacity: 0.55 }));
}

export function polyline(points: THREE.Vector3[], color: number, width: number, dashed = false): Line2 {
  const g = new LineGeometry();
  g.setPositions(points.flatMap((p) => [p.x, p.y, p.z]));
  const mat = new THREE.Line2NodeMaterial({ color, linewidth: width, dashed, dashSize: 0.04, gapSize: 0.03, worldUnits: false });
  const line = new Line2(g, mat);
  line.computeLineDistances();
  // one draw call (see fatLines.ts), once the distances along the line are in its attributes
  line.geometry = singleDrawGeometry(g) as unknown as LineGeometry;
  g.dispose();
  return line;
}

/** the costs along grid row `row`, sampled at most MESH_MAX times */
function rowPoints(f: SurfaceFrame, s: SurfaceResult, wRec: number): THREE.Vector3[] {
  const res = s.res;
  const row = Math.round(((wRec - s.wRec[0]) / (s.wRec[res - 1] - s.wRec[0])) * (res - 1));
  const n = Math.min(res, MESH_MAX);
  const pts: THREE.Vector3[] = [];
  for (let i = 0; i < n; i++) {
    const col = Math.round((i * (res - 1)) / (n - 1));
    pts.push(f.onSurface(s.wx[col], wRec, s.cost[row * res + col], 0.012));
  }
  return pts;
}

/** the dashed lines |wRec| = 1 along the surface, labelled */
export function addWRecOneLines(f: SurfaceFrame, s: SurfaceResult): void {
  for (const w of [1, -1]) {
    if (w < f.range[2] || w > f.range[3]) continue;
    const pts = rowPoints(f, s, w);
    f.group.add(polyline(pts, 0xffffff, 2, true));
    const end = pts[pts.length - 1];
    const tag = label(`wRec = ${w}`, 'label line');
    tag.position.set(end.x + 0.08, end.y + 0.03, end.z);
    f.group.add(tag);
  }
}

/** the valley floor: for each wRec, the wx of least cost */
export function addValleyFloor(f: SurfaceFrame, s: SurfaceResult): void {
  const res = s.res;
  const pts: THREE.Vector3[] = [];
  const n = Math.min(res, MESH_MAX);
  for (let k = 0; k < n; k++) {
    const row = Math.round((k * (res - 1)) / (n - 1));
    let best = 0;
    for (let col = 1; col < res; col++) if (s.cost[row * res + col] < s.cost[row * res + best]) best = col;
    if (!Number.isFinite(s.cost[row * res + best])) continue;
    pts.push(f.onSurface(s.wx[best], s.wRec[row], s.cost[row * res + best], 0.01));
  }
  if (pts.length < 2) return;
  f.group.add(polyline(pts, 0xffb000, 2.5));
  const top = pts[pts.length - 1];
  const tag = label(t('valley floor'), 'label valley');
  tag.element.title = t('The valley floor: for each wRec, the wx of least cost (the bottom of the trough). Rprop walks along it once it is down the wall.');
  tag.position.set(top.x, top.y + 0.06, top.z);
  f.group.add(tag);
}

/** How the axes are named: the weights, the height's title, and whether the height is in decades. */
export interface AxesNames {
  axes: readonly [string, string];
  heightTitle: string;
  heightKind: 'decades' | 'linear';
}
const LINEAR_AXES: AxesNames = { axes: ['wx', 'wRec'], heightTitle: '', heightKind: 'decades' };

/** the three axes with their ticks and titles */
export function addAxes(f: SurfaceFrame, names: AxesNames = LINEAR_AXES): void {
  const [a, b, c, d] = f.range;
  const mat = new THREE.LineBasicMaterial({ color: 0xb8c0cc });
  const pts: number[] = [];
  const add = (x1: number, y1: number, z1: number, x2: number, y2: number, z2: number) => pts.push(x1, y1, z1, x2, y2, z2);
  // wx along the front edge, wRec along the left edge, cost up the back-left corner
  add(-1, 0, 1.08, 1, 0, 1.08);
  add(-1.08, 0, 1, -1.08, 0, -1);
  add(-1.08, 0, -1.08, -1.08, HEIGHT, -1.08);
  for (const t of niceTicks(a, b, 6)) {
    const x = f.worldX(t);
    add(x, 0, 1.08, x, 0, 1.13);
    const l = label(formatTick(t), 'label tick');
    l.element.dataset.axis = 'wx';
    l.position.set(x, 0, 1.2);
    f.group.add(l);
  }
  // (no label at the far end: the cost axis stands there)
  for (const t of niceTicks(c, d, 6).filter((v) => f.worldZ(v) > -0.95)) {
    const z = f.worldZ(t);
    add(-1.08, 0, z, -1.13, 0, z);
    const l = label(formatTick(t), 'label tick');
    l.element.dataset.axis = 'wRec';
    l.position.set(-1.22, 0, z);
    f.group.add(l);
  }
  const heightTicks = names.heightKind === 'linear' ? niceTicks(0, f.hMax, 5).filter((v) => v <= f.hMax) : decades(f.hMax);
  for (const v of heightTicks) {
    const y = (HEIGHT * v) / f.hMax;
    add(-1.08, y, -1.08, -1.03, y, -1.08);
    const l = label(names.heightKind === 'linear' ? formatTick(v) : v === 0 ? '1' : `1e${v}`, 'label tick');
    l.element.dataset.axis = 'cost';
    l.position.set(-1.2, y, -1.08);
    f.group.add(l);
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pts, 3));
  f.group.add(new THREE.LineSegments(g, mat));
  const t1 = label(names.axes[0], 'label axis');
  t1.position.set(0, 0, 1.34);
  const t2 = label(names.axes[1], 'label axis');
  t2.position.set(-1.38, 0, 0);
  const t3 = label(names.heightTitle || t('cost + 1'), 'label axis');
  t3.position.set(-1.08, HEIGHT + 0.1, -1.08);
  // (fitLabels hides an axis's ticks with its title)
  t1.element.dataset.axis = 'wx';
  t2.element.dataset.axis = 'wRec';
  t3.element.dataset.axis = 'cost';
  f.group.add(t1, t2, t3);
}

function decades(hMax: number): number[] {
  const out: number[] = [];
  for (let dec = 0; dec <= Math.floor(hMax); dec += Math.max(1, Math.ceil(hMax / 6))) out.push(dec);
  return out;
}

/** the tutorial's six points (SPEC section 4), or the model's marked points, on the surface, labelled in their colours */
export function addTutorialPoints(f: SurfaceFrame, s: SurfaceResult, points: readonly (MarkedPoint | ModelPointView)[] = TUTORIAL_POINTS): void {
  const res = s.res;
  const [a, b, c, d] = f.range;
  for (const p of points) {
    if (p.wx < a || p.wx > b || p.wRec < c || p.wRec > d) continue;
    const col = Math.round(((p.wx - a) / (b - a)) * (res - 1));
    const row = Math.round(((p.wRec - c) / (d - c)) * (res - 1));
    const pos = f.onSurface(p.wx, p.wRec, s.cost[row * res + col], 0.03);
    const dot = new THREE.Mesh(new THREE.SphereGeometry(0.032, 16, 12), new THREE.MeshBasicMaterial({ color: p.color }));
    dot.position.copy(pos);
    const tag = label('label' in p ? p.label : `(${p.wx}, ${p.wRec})`, 'label point');
    tag.element.style.color = p.css;
    tag.position.set(0, 0.07, 0);
    dot.add(tag);
    f.group.add(dot);
  }
}

/** the model's lines (the sigmoid unit's valley) along the surface, inside the window, labelled at their end */
export function addModelLines(f: SurfaceFrame, s: SurfaceResult, lines: readonly ModelLineView[]): void {
  const res = s.res;
  const [a, b, c, d] = f.range;
  const cost = (w0: number, w1: number) => {
    const col = Math.round(((w0 - a) / (b - a)) * (res - 1));
    const row = Math.round(((w1 - c) / (d - c)) * (res - 1));
    return s.cost[row * res + col];
  };
  for (const l of lines) {
    const pts: THREE.Vector3[] = [];
    const n = 200;
    for (let i = 0; i <= n; i++) {
      const w0 = l.from[0] + ((l.to[0] - l.from[0]) * i) / n;
      const w1 = l.from[1] + ((l.to[1] - l.from[1]) * i) / n;
      if (w0 < a || w0 > b || w1 < c || w1 > d) continue;
      pts.push(f.onSurface(w0, w1, cost(w0, w1), 0.012));
    }
    if (pts.length < 2) continue;
    f.group.add(polyline(pts, 0xffffff, 2, true));
    const end = pts[pts.length - 1];
    const tag = label(l.label, 'label line');
    tag.position.set(end.x + 0.08, end.y + 0.05, end.z);
    f.group.add(tag);
  }
}
