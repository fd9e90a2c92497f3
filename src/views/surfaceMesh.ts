/** The 3D view's surface mesh: vertices, heights and colours from log10(cost + 1) (or colours from the sharpness), and the atlas drape. */
import * as THREE from 'three/webgpu';
import { OVERFLOW_RGB, viridis } from './colormap';
import { HEIGHT, MESH_MAX } from './surfaceDecor';
import type { SurfaceSummary } from '../model/surface';
import { boundingSphereOf, gridIndex, srgbToWorking } from './meshUtils';

export interface MeshSource {
  colours: Float32Array;
  heights: Float32Array;
  index: Int32Array;
}

export interface Drape {
  xAxis: Float64Array;
  yAxis: Float64Array;
  /** sRGB 0..255 of cell (col, row) */
  colour(col: number, row: number): readonly [number, number, number];
}

/** While the camera moves or the start is dragged: a mesh of at most this many vertices per side. */
const INTERACTIVE_MESH_MAX = 97;

export interface SurfaceMeshes {
  /** the full mesh: m x m vertices */
  mesh: THREE.Mesh;
  m: number;
  /** the full mesh's own vertex colours and heights (world y), rows = wRec */
  colours: Float32Array;
  heights: Float32Array;
  /** the cheaper stand-in shown while interacting (null where the full mesh is small enough) */
  coarse: { mesh: THREE.Mesh; m: number; colours: Float32Array } | null;
}

/**
 * The surface's meshes for a res x res grid: the full one (at most MESH_MAX vertices per side,
 * sampled from the grid) and the coarser stand-in, sampled from the same cells, both on the
 * shared height and colour scale (summary.logTop, computed once per surface over every cell).
 */
export function buildSurfaceMeshes(res: number, summary: SurfaceSummary, field: ColourField | null = null): SurfaceMeshes {
  const m = Math.min(res, MESH_MAX);
  const pick = (k: number) => Math.round((k * (res - 1)) / (m - 1));
  const logs = new Float32Array(m * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) logs[j * m + i] = summary.logs[pick(j) * res + pick(i)];
  const hMax = summary.logTop;
  const full = buildMesh(logs, m, hMax, undefined, sampleField(field, res, m));
  const mc = Math.min(m, INTERACTIVE_MESH_MAX);
  if (mc >= m) return { ...full, m, coarse: null };
  const pickC = (k: number) => Math.round((k * (res - 1)) / (mc - 1));
  const logsC = new Float32Array(mc * mc);
  for (let j = 0; j < mc; j++) for (let i = 0; i < mc; i++) logsC[j * mc + i] = summary.logs[pickC(j) * res + pickC(i)];
  // every cell is a vertex of the full mesh (res <= MESH_MAX): its colour is there already
  let from: MeshSource | undefined;
  if (m === res) {
    const index = new Int32Array(mc * mc);
    for (let j = 0; j < mc; j++) for (let i = 0; i < mc; i++) index[j * mc + i] = pickC(j) * m + pickC(i);
    from = { colours: full.colours, heights: full.heights, index };
  }
  const c = buildMesh(logsC, mc, hMax, from, from ? null : sampleField(field, res, mc));
  return { ...full, m, coarse: { mesh: c.mesh, m: mc, colours: c.colours } };
}

/** A field of log10 values (Infinity: grey) coloured from bottom to top instead of the heights: colorBy=sharpness. */
export interface ColourField {
  logs: Float32Array;
  bottom: number;
  top: number;
}

/** a res x res field sampled at m x m vertices like the heights (null stays null) */
function sampleField(field: ColourField | null, res: number, m: number): ColourField | null {
  if (!field) return null;
  const pick = (k: number) => Math.round((k * (res - 1)) / (m - 1));
  const logs = new Float32Array(m * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) logs[j * m + i] = field.logs[pick(j) * res + pick(i)];
  return { logs, bottom: field.bottom, top: field.top };
}

/**
 * The surface's mesh: m x m vertices at the heights of log10(cost + 1), coloured by the same
 * value or by `field` (m x m), or both taken from a mesh built already.
 */
export function buildMesh(logs: Float32Array, m: number, hMax: number, from?: MeshSource, field: ColourField | null = null): { mesh: THREE.Mesh; colours: Float32Array<ArrayBuffer>; heights: Float32Array<ArrayBuffer> } {
  const positions = new Float32Array(m * m * 3);
  const colors = new Float32Array(m * m * 3);
  const heights = new Float32Array(m * m);
  const toLinear = srgbToWorking();
  const colour = new THREE.Color();
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const k = j * m + i;
      positions[3 * k] = -1 + (2 * i) / (m - 1);
      positions[3 * k + 2] = 1 - (2 * j) / (m - 1);
      if (from) {
        // the same cell's height and colour in a mesh built already (computed from the same value)
        const f = from.index[k];
        heights[k] = positions[3 * k + 1] = from.heights[f];
        colors[3 * k] = from.colours[3 * f];
        colors[3 * k + 1] = from.colours[3 * f + 1];
        colors[3 * k + 2] = from.colours[3 * f + 2];
        continue;
      }
      const l = logs[k];
      const finite = Number.isFinite(l);
      const y = finite ? (HEIGHT * l) / hMax : HEIGHT;
      heights[k] = y;
      positions[3 * k + 1] = y;
      const f = field ? field.logs[k] : 0;
      const rgb = !field ? (finite ? viridis(l / hMax) : OVERFLOW_RGB) : Number.isFinite(f) ? viridis((f - field.bottom) / (field.top - field.bottom)) : OVERFLOW_RGB;
      // vertex colours are linear; the colour map is sRGB
      if (toLinear) {
        colors[3 * k] = toLinear(rgb[0] / 255);
        colors[3 * k + 1] = toLinear(rgb[1] / 255);
        colors[3 * k + 2] = toLinear(rgb[2] / 255);
      } else {
        colour.setRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, THREE.SRGBColorSpace);
        colors[3 * k] = colour.r;
        colors[3 * k + 1] = colour.g;
        colors[3 * k + 2] = colour.b;
      }
    }
  }
  const geom = new THREE.BufferGeometry();
  geom.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  geom.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  geom.setIndex(new THREE.BufferAttribute(gridIndex(m), 1));
  geom.boundingSphere = boundingSphereOf(positions);
  const mat = new THREE.MeshBasicMaterial({ vertexColors: true, side: THREE.DoubleSide, polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1 });
  return { mesh: new THREE.Mesh(geom, mat), colours: colors.slice(), heights };
}

/** Colours the mesh by the drape (each vertex the nearest cell's colour), or back by its own colours. */
export function drapeMesh(mesh: THREE.Mesh, m: number, surfaceColours: Float32Array, d: Drape | null, range: readonly [number, number, number, number]): void {
  const attr = mesh.geometry.getAttribute('color') as THREE.BufferAttribute;
  const colors = attr.array as Float32Array;
  if (!d) colors.set(surfaceColours);
  else {
    const [a, b, c, e] = range;
    const nx = d.xAxis.length;
    const ny = d.yAxis.length;
    const colour = new THREE.Color();
    for (let j = 0; j < m; j++) {
      const wRec = c + (j / (m - 1)) * (e - c);
      const row = Math.round(((wRec - d.yAxis[0]) / (d.yAxis[ny - 1] - d.yAxis[0])) * (ny - 1));
      for (let i = 0; i < m; i++) {
        const wx = a + (i / (m - 1)) * (b - a);
        const col = Math.round(((wx - d.xAxis[0]) / (d.xAxis[nx - 1] - d.xAxis[0])) * (nx - 1));
        const k = 3 * (j * m + i);
        if (row < 0 || row >= ny || col < 0 || col >= nx) {
          colors[k] = surfaceColours[k];
          colors[k + 1] = surfaceColours[k + 1];
          colors[k + 2] = surfaceColours[k + 2];
          continue;
        }
        const rgb = d.colour(col, row);
        colour.setRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, THREE.SRGBColorSpace);
        colors[k] = colour.r;
        colors[k + 1] = colour.g;
        colors[k + 2] = colour.b;
      }
    }
  }
  // A new attribute rather than needsUpdate: three's WebGPU backend did not re-upload the old one.
  mesh.geometry.setAttribute('color', new THREE.BufferAttribute(colors.slice(), 3));
}
