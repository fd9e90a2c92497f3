/**
 * Where things lie in the 3D view: the weights window mapped onto the square [-1, 1]^2 (wx to
 * the right, wRec away from the viewer), and the drawn mesh's height at any weight pair.
 */
import * as THREE from 'three/webgpu';
import { logCost } from './colormap';
import { HEIGHT } from './surfaceDecor';

/** how far a point drawn on the surface floats above it (world units) */
const LIFT = 0.02;

export class SurfaceCoords {
  /** the plotted window: wx from a to b, wRec from c to d */
  range: [number, number, number, number] = [-3, 3, -3, 3];
  /** vertices per side of the full mesh */
  m = 0;
  /** mesh heights (world y), m x m, rows = wRec */
  heights: Float32Array = new Float32Array(0);
  /** the top of the height scale (decades of cost + 1) */
  hMax = 1;
  /** whether the height is the cost itself (a model with height 'value'), not log10(cost + 1) */
  valueHeight = false;

  worldX(wx: number): number {
    const [a, b] = this.range;
    return -1 + (2 * (wx - a)) / (b - a);
  }

  worldZ(wRec: number): number {
    const [, , c, d] = this.range;
    return 1 - (2 * (wRec - c)) / (d - c);
  }

  /** the weights under a world point (x, z) */
  weightsAt(x: number, z: number): [number, number] {
    const [a, b, c, d] = this.range;
    return [a + ((x + 1) / 2) * (b - a), c + ((1 - z) / 2) * (d - c)];
  }

  /** height of the drawn mesh at (wx, wRec), bilinear between its vertices */
  meshHeight(wx: number, wRec: number): number {
    const m = this.m;
    if (m < 2) return 0;
    const [a, b, c, d] = this.range;
    const fx = Math.min(m - 1, Math.max(0, ((wx - a) / (b - a)) * (m - 1)));
    const fz = Math.min(m - 1, Math.max(0, ((wRec - c) / (d - c)) * (m - 1)));
    const i = Math.min(m - 2, Math.floor(fx));
    const j = Math.min(m - 2, Math.floor(fz));
    const u = fx - i;
    const v = fz - j;
    const h = this.heights;
    return (
      (1 - u) * (1 - v) * h[j * m + i] + u * (1 - v) * h[j * m + i + 1] + (1 - u) * v * h[(j + 1) * m + i] + u * v * h[(j + 1) * m + i + 1]
    );
  }

  private heightOfCost(cost: number): number {
    const l = this.valueHeight ? cost : logCost(cost);
    return Number.isFinite(l) ? (HEIGHT * Math.min(l, this.hMax)) / this.hMax : HEIGHT;
  }

  /** a point drawn on the surface: lifted so that it never sinks into the mesh */
  onSurface(wx: number, wRec: number, cost: number, lift = LIFT): THREE.Vector3 {
    const y = Math.max(this.heightOfCost(cost), this.meshHeight(wx, wRec)) + lift;
    return new THREE.Vector3(this.worldX(wx), y, this.worldZ(wRec));
  }

  /** whether (wx, wRec) is inside the window */
  contains(wx: number, wRec: number): boolean {
    const [a, b, c, d] = this.range;
    return wx >= a && wx <= b && wRec >= c && wRec <= d;
  }
}
