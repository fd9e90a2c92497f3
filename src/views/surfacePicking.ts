/**
 * Picking in the 3D view: where a pixel's ray meets the drawn surface, and where a surface point
 * or the start marker is on the page (null when hidden).
 */
import * as THREE from 'three/webgpu';
import type { SurfaceCoords } from './surfaceCoords';

/** where a client-space pixel's ray meets the drawn surface (march then bisect) */
export function raycastSurface(
  grid: SurfaceCoords,
  camera: THREE.Camera,
  canvas: HTMLElement,
  clientX: number,
  clientY: number,
): { wx: number; wRec: number; point: THREE.Vector3 } | null {
  if (grid.m < 2) return null;
  const rect = canvas.getBoundingClientRect();
  const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
  const ray = new THREE.Raycaster();
  ray.setFromCamera(ndc, camera);
  const o = ray.ray.origin;
  const dir = ray.ray.direction;
  const above = (t: number) => {
    const p = o.clone().addScaledVector(dir, t);
    if (Math.abs(p.x) > 1 || Math.abs(p.z) > 1) return { inside: false, diff: 1, p };
    const [wx, wRec] = grid.weightsAt(p.x, p.z);
    return { inside: true, diff: p.y - grid.meshHeight(wx, wRec), p };
  };
  const far = camera.position.length() + 4;
  const steps = 600;
  let prevT = 0;
  for (let k = 1; k <= steps; k++) {
    const t = (far * k) / steps;
    const s = above(t);
    if (s.inside && s.diff <= 0) {
      let lo = prevT;
      let hi = t;
      for (let it = 0; it < 30; it++) {
        const mid = (lo + hi) / 2;
        const q = above(mid);
        if (q.inside && q.diff <= 0) hi = mid;
        else lo = mid;
      }
      const p = o.clone().addScaledVector(dir, hi);
      const [wx, wRec] = grid.weightsAt(p.x, p.z);
      return { wx, wRec, point: p };
    }
    prevT = t;
  }
  return null;
}

/** page coordinates of the surface point (wx, wRec), or null if it is outside the view or hidden by the surface */
export function surfacePointOnPage(grid: SurfaceCoords, camera: THREE.Camera, canvas: HTMLElement, wx: number, wRec: number): { x: number; y: number } | null {
  if (!grid.contains(wx, wRec) || grid.m < 2) return null;
  const p = new THREE.Vector3(grid.worldX(wx), grid.meshHeight(wx, wRec), grid.worldZ(wRec));
  const v = p.clone().project(camera);
  if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
  const rect = canvas.getBoundingClientRect();
  const x = rect.left + ((v.x + 1) / 2) * rect.width + window.scrollX;
  const y = rect.top + ((1 - v.y) / 2) * rect.height + window.scrollY;
  const hit = raycastSurface(grid, camera, canvas, x - window.scrollX, y - window.scrollY);
  const dist = camera.position.distanceTo(p);
  if (hit && camera.position.distanceTo(hit.point) < dist - 0.05) return null;
  return { x, y };
}

/** client-space position of a world point in front of the camera (the start marker, for picking it up) */
export function pointOnClient(p: THREE.Vector3, camera: THREE.Camera, canvas: HTMLElement): { x: number; y: number } | null {
  const v = p.clone().project(camera);
  if (v.z > 1) return null;
  const rect = canvas.getBoundingClientRect();
  return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
}
