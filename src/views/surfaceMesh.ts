/** The 3D view's surface mesh: vertices, heights and colours from log10(cost + 1), and the atlas drape. */
import * as THREE from 'three/webgpu';
import { OVERFLOW_RGB, viridis } from './colormap';
import { HEIGHT } from './surfaceDecor';
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


/** The surface's mesh: m x m vertices at the heights and colours of log10(cost + 1) (or taken from a mesh built already). */
export function buildMesh(logs: Float32Array, m: number, hMax: number, from?: MeshSource): { mesh: THREE.Mesh; colours: Float32Array<ArrayBuffer>; heights: Float32Array<ArrayBuffer> } {
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
      const rgb = finite ? viridis(l / hMax) : OVERFLOW_RGB;
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
