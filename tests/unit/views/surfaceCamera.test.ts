/**
 * The 3D view's framing: views at least FIT_ASPECT wide keep the vertical field of view of 38°
 * (their pictures as before); narrower ones widen it so that the whole surface box stays on the
 * canvas, with each model's default camera.
 */
import { describe, expect, it } from 'vitest';
import * as THREE from 'three/webgpu';
import { cameraPosition, FIT_ASPECT, FOV, fovForAspect, setAspect, TARGET } from '../../../src/views/surfaceCamera';
import { HEIGHT } from '../../../src/views/surfaceDecor';
import { MODELS } from '../../../src/model/models';

/** the box the surface is drawn in: [-1, 1] x [0, HEIGHT] x [-1, 1], its corners in normalized device coordinates */
function boxOnCanvas(cam: readonly [number, number, number], aspect: number): { x: number; y: number } {
  const camera = new THREE.PerspectiveCamera(FOV, 1, 0.05, 100);
  camera.position.copy(cameraPosition(cam));
  camera.lookAt(TARGET);
  camera.updateMatrixWorld();
  setAspect(camera, Math.round(aspect * 1000), 1000);
  let x = 0;
  let y = 0;
  for (const wx of [-1, 1]) for (const wz of [-1, 1]) for (const h of [0, HEIGHT]) {
    const v = new THREE.Vector3(wx, h, wz).project(camera);
    x = Math.max(x, Math.abs(v.x));
    y = Math.max(y, Math.abs(v.y));
  }
  return { x, y };
}

describe('the 3D view fits the surface to narrow views', () => {
  it('keeps the vertical field of view of views at least FIT_ASPECT wide, and widens it below, keeping the horizontal one', () => {
    for (const aspect of [FIT_ASPECT, 1.1, 1.67, 2.5]) expect(fovForAspect(aspect)).toBe(FOV);
    const horizontal = (a: number) => Math.atan(Math.tan(THREE.MathUtils.degToRad(fovForAspect(a) / 2)) * a);
    for (const aspect of [0.4, 0.69, 0.85, 1]) {
      expect(fovForAspect(aspect)).toBeGreaterThan(FOV);
      expect(horizontal(aspect)).toBeCloseTo(horizontal(FIT_ASPECT), 12);
    }
    // narrower, wider
    expect(fovForAspect(0.5)).toBeGreaterThan(fovForAspect(0.8));
  });

  it("shows every corner of the surface's box with each model's default camera, from a portrait 0.4 to a wide 3", () => {
    for (const model of MODELS)
      for (const aspect of [0.4, 0.55, 0.69, 0.85, 1, FIT_ASPECT, 1.1, 1.67, 3]) {
        const { x, y } = boxOnCanvas(model.defaultCamera, aspect);
        expect(x, `${model.name} at aspect ${aspect}: the box's widest corner`).toBeLessThan(0.9);
        expect(y, `${model.name} at aspect ${aspect}: the box's highest corner`).toBeLessThan(0.9);
      }
  });

  it('a fixed field of view would cut the sides of a narrow view (why it widens)', () => {
    const camera = new THREE.PerspectiveCamera(FOV, 0.69, 0.05, 100);
    camera.position.copy(cameraPosition([35, 52, 5.4]));
    camera.lookAt(TARGET);
    camera.updateMatrixWorld();
    camera.updateProjectionMatrix();
    const left = new THREE.Vector3(-1, HEIGHT, 1).project(camera);
    expect(Math.abs(left.x)).toBeGreaterThan(1);
  });
});
