/**
 * The 3D view's fat lines (three's Line2 / LineSegments2 with Line2NodeMaterial) drawn in one draw
 * call each. three draws a fat line as one instance of an 8-vertex strip per segment; a software
 * rasteriser (SwiftShader) runs every instance of an instanced draw as a draw of its own, about
 * 30 µs each, so a 500-iteration run's two lines cost 30 ms a frame. Here the per-segment
 * (instance) attributes are written out for every vertex of a plain indexed geometry: the same
 * vertices, the same triangles in the same order, the same shader arithmetic (the material reads
 * `instanceStart`, `instanceEnd`, … by name, per vertex instead of per instance), so the same
 * pixels, in one draw.
 */
import * as THREE from 'three/webgpu';
import type { LineSegmentsGeometry } from 'three/addons/lines/LineSegmentsGeometry.js';

/** indices of one segment's strip (6 triangles) */
const SEGMENT_INDICES = 18;

/**
 * The fat line's geometry as one non-instanced draw: every instanced attribute copied to each of
 * its segment's vertices, the strip's positions, uvs and indices repeated per segment. Keeps the
 * instanced geometry's bounds (frustum culling and sorting use them).
 */
export function singleDrawGeometry(src: LineSegmentsGeometry): THREE.BufferGeometry {
  const start = src.getAttribute('instanceStart');
  const n = start ? start.count : 0;
  const out = new THREE.BufferGeometry();
  const index = src.getIndex()!;
  const perSegment = src.getAttribute('position').count;
  for (const [name, attr] of Object.entries(src.attributes)) {
    const a = attr as THREE.BufferAttribute | THREE.InterleavedBufferAttribute;
    const instanced = a instanceof THREE.InterleavedBufferAttribute ? a.data instanceof THREE.InstancedInterleavedBuffer : a instanceof THREE.InstancedBufferAttribute;
    const size = a.itemSize;
    const values = new Float32Array(n * perSegment * size);
    for (let s = 0; s < n; s++)
      for (let v = 0; v < perSegment; v++)
        for (let c = 0; c < size; c++) values[(s * perSegment + v) * size + c] = a.getComponent(instanced ? s : v, c);
    out.setAttribute(name, new THREE.BufferAttribute(values, size));
  }
  const indices = new Uint32Array(n * index.count);
  for (let s = 0; s < n; s++) for (let k = 0; k < index.count; k++) indices[s * index.count + k] = index.getX(k) + s * perSegment;
  out.setIndex(new THREE.BufferAttribute(indices, 1));
  if (!src.boundingSphere) src.computeBoundingSphere();
  if (!src.boundingBox) src.computeBoundingBox();
  out.boundingSphere = src.boundingSphere!.clone();
  out.boundingBox = src.boundingBox!.clone();
  return out;
}

/** Draws only the first `segments` segments of a line built by singleDrawGeometry (what `instanceCount` did). */
export function showSegments(geometry: THREE.BufferGeometry, segments: number): void {
  geometry.setDrawRange(0, Math.max(0, segments) * SEGMENT_INDICES);
}
