/**
 * The stability contour on the 3D surface (src/present/sharpnessMap.ts computes it): the chains
 * lifted onto the drawn mesh as fat lines in the 2D map's colour, and the label at the longest
 * chain's middle.
 */
import * as THREE from 'three/webgpu';
import type { SurfaceResult } from '../gpu/backend';
import { labelAnchor, type StabilityLine } from '../present/sharpnessMap';
import type { SurfaceCoords } from './surfaceCoords';
import { polyline } from './surfaceDecor';
import { label } from './meshUtils';
import { STABILITY_CSS } from './stabilityLine2d';

/** The line's objects (empty when the line is outside the window) over the surface s drawn on `grid`. */
export function stabilityObjects(line: StabilityLine, s: SurfaceResult, grid: SurfaceCoords): THREE.Object3D[] {
  const last = s.res - 1;
  const weights = (x: number, y: number): [number, number] => [
    s.wx[0] + (x / last) * (s.wx[last] - s.wx[0]),
    s.wRec[0] + (y / last) * (s.wRec[last] - s.wRec[0]),
  ];
  const colour = new THREE.Color(STABILITY_CSS).getHex();
  const out: THREE.Object3D[] = [];
  for (const c of line.chains) {
    if (c.length < 4) continue;
    const pts: THREE.Vector3[] = [];
    for (let i = 0; i < c.length; i += 2) pts.push(grid.onSurface(...weights(c[i], c[i + 1]), 0, 0.014));
    const l = polyline(pts, colour, 3);
    l.name = 'stability';
    out.push(l);
  }
  const a = labelAnchor(line.chains);
  if (a && out.length) {
    const holder = new THREE.Object3D();
    holder.position.copy(grid.onSurface(...weights(a[0], a[1]), 0, 0.05));
    holder.add(label(line.label, 'label stability'));
    out.push(holder);
  }
  return out;
}
