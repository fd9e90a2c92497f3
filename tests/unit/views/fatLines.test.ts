import { describe, expect, it } from 'vitest';
import * as THREE from 'three/webgpu';
import { Line2 } from 'three/addons/lines/webgpu/Line2.js';
import { LineGeometry } from 'three/addons/lines/LineGeometry.js';
import { showSegments, singleDrawGeometry } from '../../../src/views/fatLines';

/** a dashed polyline of four points, as surfaceDecor.polyline builds one before it is flattened */
function dashedLine(): Line2 {
  const g = new LineGeometry();
  g.setPositions([0, 0, 0, 1, 0, 0, 1, 2, 0, 1, 2, 3]);
  const line = new Line2(g, new THREE.Line2NodeMaterial({ dashed: true }));
  line.computeLineDistances();
  return line;
}

describe('a fat line in one draw call', () => {
  it('gives every vertex of a segment that segment\'s instanced values, and repeats the strip', () => {
    const src = dashedLine().geometry;
    const flat = singleDrawGeometry(src);
    const strip = src.getAttribute('position').count; // 8 vertices per segment
    const n = 3;
    expect(flat.getAttribute('position').count).toBe(n * strip);
    for (const name of ['instanceStart', 'instanceEnd', 'instanceDistanceStart', 'instanceDistanceEnd']) {
      const a = src.getAttribute(name);
      const b = flat.getAttribute(name);
      expect(b.itemSize).toBe(a.itemSize);
      for (let s = 0; s < n; s++)
        for (let v = 0; v < strip; v++)
          for (let c = 0; c < a.itemSize; c++) expect(b.getComponent(s * strip + v, c)).toBe(a.getComponent(s, c));
    }
    // the second segment starts where the first ends, 1 along the line
    expect(flat.getAttribute('instanceDistanceStart').getX(strip)).toBe(1);
    for (const name of ['position', 'uv']) {
      const a = src.getAttribute(name);
      const b = flat.getAttribute(name);
      for (let s = 0; s < n; s++) for (let v = 0; v < strip; v++) expect(b.getY(s * strip + v)).toBe(a.getY(v));
    }
    // the same triangles, segment after segment, each on its own strip's vertices
    const index = src.getIndex()!;
    const flatIndex = flat.getIndex()!;
    expect(flatIndex.count).toBe(n * index.count);
    for (let s = 0; s < n; s++) for (let k = 0; k < index.count; k++) expect(flatIndex.getX(s * index.count + k)).toBe(index.getX(k) + s * strip);
    // not instanced: the whole line is one draw
    expect(flat).not.toBeInstanceOf(THREE.InstancedBufferGeometry);
  });

  it('keeps the line\'s bounds (culling), not those of the strip template', () => {
    const src = dashedLine().geometry;
    const flat = singleDrawGeometry(src);
    expect(flat.boundingSphere!.center.toArray()).toEqual(src.boundingSphere!.center.toArray());
    expect(flat.boundingSphere!.radius).toBe(src.boundingSphere!.radius);
    expect(flat.boundingBox!.max.toArray()).toEqual([1, 2, 3]);
  });

  it('shows the first k segments, as instanceCount did', () => {
    const flat = singleDrawGeometry(dashedLine().geometry);
    showSegments(flat, 2);
    expect(flat.drawRange).toEqual({ start: 0, count: 36 });
    showSegments(flat, -1);
    expect(flat.drawRange.count).toBe(0);
  });
});
