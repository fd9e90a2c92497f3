/** three.js helpers of the 3D view: grid indices, labels, emptying groups, colour and bounds arithmetic. */
import * as THREE from 'three/webgpu';
import { CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';

const gridIndices = new Map<number, Uint32Array>();
export function gridIndex(m: number): Uint32Array {
  let index = gridIndices.get(m);
  if (!index) {
    index = new Uint32Array(6 * (m - 1) * (m - 1));
    let n = 0;
    for (let j = 0; j < m - 1; j++)
      for (let i = 0; i < m - 1; i++) {
        const a = j * m + i;
        index[n++] = a;
        index[n++] = a + 1;
        index[n++] = a + m;
        index[n++] = a + 1;
        index[n++] = a + m + 1;
        index[n++] = a + m;
      }
    gridIndices.set(m, index);
  }
  return index;
}

export function label(text: string, className: string): CSS2DObject {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  return new CSS2DObject(el);
}

/**
 * Empties a group. Its geometries and materials are handed to `retired` rather than disposed
 * here: disposed after the next frame, once the objects that replace them are drawn, so that
 * three.js keeps its compiled node materials and pipelines (same kind of material, same
 * pipeline) instead of building them again on every new surface.
 */
export function clearGroup(g: THREE.Group, retired: { dispose(): void }[]): void {
  for (const child of [...g.children]) {
    g.remove(child);
    child.traverse((o) => {
      if (o instanceof CSS2DObject) o.element.remove();
      const mesh = o as THREE.Mesh;
      if (mesh.geometry) retired.push(mesh.geometry);
      const mat = mesh.material as THREE.Material | THREE.Material[] | undefined;
      if (Array.isArray(mat)) retired.push(...mat);
      else if (mat) retired.push(mat);
    });
  }
}

/**
 * three's ColorManagement conversion of an sRGB channel (0..1) to the working colour space, written
 * out for the mesh's thousands of vertices (the same formula as three's SRGBToLinear, so the same
 * numbers as Color.setRGB(r, g, b, SRGBColorSpace)); null where three would convert otherwise.
 */
export function srgbToWorking(): ((c: number) => number) | null {
  const cm = THREE.ColorManagement;
  if (!cm.enabled || cm.workingColorSpace !== THREE.LinearSRGBColorSpace) return null;
  return (c) => (c < 0.04045 ? c * 0.0773993808 : Math.pow(c * 0.9478672986 + 0.0521327014, 2.4));
}

/**
 * The bounding sphere three's BufferGeometry.computeBoundingSphere() finds for these positions
 * (x, y, z triples): the same arithmetic (the box's centre, the largest squared distance), the same
 * numbers, without its per-vertex accessor calls.
 */
export function boundingSphereOf(p: Float32Array): THREE.Sphere {
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let i = 0; i < p.length; i += 3) {
    x0 = Math.min(x0, p[i]);
    y0 = Math.min(y0, p[i + 1]);
    z0 = Math.min(z0, p[i + 2]);
    x1 = Math.max(x1, p[i]);
    y1 = Math.max(y1, p[i + 1]);
    z1 = Math.max(z1, p[i + 2]);
  }
  const cx = (x0 + x1) * 0.5;
  const cy = (y0 + y1) * 0.5;
  const cz = (z0 + z1) * 0.5;
  let r2 = 0;
  for (let i = 0; i < p.length; i += 3) {
    const dx = cx - p[i];
    const dy = cy - p[i + 1];
    const dz = cz - p[i + 2];
    r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
  }
  return new THREE.Sphere(new THREE.Vector3(cx, cy, cz), Math.sqrt(r2));
}

/**
 * Groups emptied for a new surface or new runs: their geometries and materials are disposed after
 * the next frame (see clearGroup), or after 2 s when no frame is drawn soon (the 2D-only layout).
 */
export class RetiredObjects {
  private items: { dispose(): void }[] = [];
  private timer = 0;

  clear(g: THREE.Group): void {
    clearGroup(g, this.items);
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.dispose(), 2000);
  }

  dispose(): void {
    clearTimeout(this.timer);
    const items = this.items;
    if (!items.length) return;
    this.items = [];
    for (const r of items) r.dispose();
  }
}
