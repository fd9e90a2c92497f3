/**
 * The 3D view's camera: a perspective camera orbiting the surface's centre (OrbitControls), set
 * and read as azimuth, elevation (degrees) and distance, the form the URL's `cam` keeps.
 */
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

/** the point the camera orbits: the surface's centre, a little above its floor */
export const TARGET = new THREE.Vector3(0, 0.3, 0);

export function createCamera(dom: HTMLElement): { camera: THREE.PerspectiveCamera; controls: OrbitControls } {
  const camera = new THREE.PerspectiveCamera(38, 1, 0.05, 100);
  const controls = new OrbitControls(camera, dom);
  controls.target.copy(TARGET);
  controls.enableDamping = false;
  controls.minDistance = 1.5;
  controls.maxDistance = 20;
  return { camera, controls };
}

/** azimuth, elevation (degrees) and distance of the camera around the surface's centre */
export function placeCamera(camera: THREE.PerspectiveCamera, controls: OrbitControls, [azimuth, elevation, distance]: [number, number, number]): void {
  const az = THREE.MathUtils.degToRad(azimuth);
  const el = THREE.MathUtils.degToRad(elevation);
  camera.position.set(
    TARGET.x + distance * Math.cos(el) * Math.sin(az),
    TARGET.y + distance * Math.sin(el),
    TARGET.z + distance * Math.cos(el) * Math.cos(az),
  );
  controls.target.copy(TARGET);
  camera.lookAt(TARGET);
  controls.update();
}

/** the camera's azimuth, elevation (0.1 degree) and distance (0.01) around the controls' target */
export function cameraAngles(camera: THREE.PerspectiveCamera, controls: OrbitControls): [number, number, number] {
  const v = camera.position.clone().sub(controls.target);
  const distance = v.length();
  const elevation = THREE.MathUtils.radToDeg(Math.asin(v.y / distance));
  const azimuth = THREE.MathUtils.radToDeg(Math.atan2(v.x, v.z));
  const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return [r(azimuth, 1), r(elevation, 1), r(distance, 2)];
}

/** Sets the camera's aspect to the view's, for a width x height frame. */
export function setAspect(camera: THREE.PerspectiveCamera, width: number, height: number): void {
  camera.aspect = width / Math.max(1, height);
  camera.updateProjectionMatrix();
}
