/**
 * The 3D view's camera: a perspective camera orbiting the surface's centre (OrbitControls), set
 * and read as azimuth, elevation (degrees) and distance, the form the URL's `cam` keeps.
 */
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

/** the point the camera orbits: the surface's centre, a little above its floor */
export const TARGET = new THREE.Vector3(0, 0.3, 0);

/** the vertical field of view (degrees) of a view at least FIT_ASPECT wide */
export const FOV = 38;
/**
 * The narrowest aspect (width / height) whose framing is the wide views' own: the default camera
 * then shows the whole surface with room to spare (its corners within 83% of the half-width).
 * Narrower views keep this aspect's horizontal field of view and widen the vertical one, so the
 * surface's sides stay on the canvas (the picture shrinks instead of being cut); wider views are
 * framed exactly as before.
 */
export const FIT_ASPECT = 1.05;

/** The vertical field of view (degrees) for a view of this aspect: FOV, or wider where the view is narrower than FIT_ASPECT. */
export function fovForAspect(aspect: number): number {
  if (!(aspect > 0) || aspect >= FIT_ASPECT) return FOV;
  const half = Math.atan((Math.tan(THREE.MathUtils.degToRad(FOV / 2)) * FIT_ASPECT) / aspect);
  return THREE.MathUtils.radToDeg(2 * half);
}

export function createCamera(dom: HTMLElement): { camera: THREE.PerspectiveCamera; controls: OrbitControls } {
  const camera = new THREE.PerspectiveCamera(FOV, 1, 0.05, 100);
  const controls = new OrbitControls(camera, dom);
  controls.target.copy(TARGET);
  controls.enableDamping = false;
  controls.minDistance = 1.5;
  controls.maxDistance = 20;
  return { camera, controls };
}

/** Where the camera of azimuth, elevation (degrees) and distance around the surface's centre is. */
export function cameraPosition([azimuth, elevation, distance]: readonly [number, number, number]): THREE.Vector3 {
  const az = THREE.MathUtils.degToRad(azimuth);
  const el = THREE.MathUtils.degToRad(elevation);
  return new THREE.Vector3(
    TARGET.x + distance * Math.cos(el) * Math.sin(az),
    TARGET.y + distance * Math.sin(el),
    TARGET.z + distance * Math.cos(el) * Math.cos(az),
  );
}

/** azimuth, elevation (degrees) and distance of the camera around the surface's centre */
export function placeCamera(camera: THREE.PerspectiveCamera, controls: OrbitControls, cam: [number, number, number]): void {
  camera.position.copy(cameraPosition(cam));
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

/** Sets the camera's aspect to the view's, for a width x height frame, and its field of view to fit (fovForAspect). */
export function setAspect(camera: THREE.PerspectiveCamera, width: number, height: number): void {
  camera.aspect = width / Math.max(1, height);
  camera.fov = fovForAspect(camera.aspect);
  camera.updateProjectionMatrix();
}
