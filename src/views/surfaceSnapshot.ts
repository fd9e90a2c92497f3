/**
 * The 3D view rendered at width x height canvas pixels for an exported image (not the screen's
 * canvas enlarged): the renderer is resized, draws one full frame, the frame is copied, and the
 * renderer, camera and on-screen frame are put back, all in one task so that the page never
 * shows the large frame. Line widths and the labels (drawn into the copy by
 * src/export/labels3d.ts, as laid out on screen) are `scale` times their on-screen size.
 */
import * as THREE from 'three/webgpu';
import type { Line2 } from 'three/addons/lines/webgpu/Line2.js';
import { drawLabels3d } from '../export/labels3d';
import { setAspect } from './surfaceCamera';

/** What a snapshot needs of the view. */
export interface SurfaceSnapshotSource {
  readonly renderer: THREE.WebGPURenderer;
  readonly scene: THREE.Scene;
  readonly camera: THREE.PerspectiveCamera;
  /** whether the view shows its cheaper interactive frame now */
  readonly interactive: boolean;
  /** shows the cheaper frame (true) or the full one (false) */
  showCheap(cheap: boolean): void;
  /** draws the on-screen frame (and lays its labels out) again */
  render(): void;
}

export function renderSurfaceAt(v: SurfaceSnapshotSource, width: number, height: number, scale: number): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  const { renderer, scene, camera } = v;
  const size = renderer.getSize(new THREE.Vector2());
  const { aspect, fov } = camera;
  const lines: [THREE.Line2NodeMaterial, number][] = [];
  scene.traverse((o) => {
    const m = (o as Line2).isLine2 ? ((o as Line2).material as THREE.Line2NodeMaterial) : null;
    if (m) lines.push([m, m.linewidth]);
  });
  // the full frame at exactly width x height: pixel ratio 1, full mesh and lines
  const ratio = renderer.getPixelRatio();
  const wasInteractive = v.interactive;
  try {
    v.showCheap(false);
    for (const [m, w] of lines) m.linewidth = w * scale;
    renderer.setPixelRatio(1);
    renderer.setSize(width, height, false);
    // the image's own framing: a narrow image widens the field of view as a narrow view does
    setAspect(camera, width, height);
    renderer.render(scene, camera);
    ctx.drawImage(renderer.domElement, 0, 0);
    drawLabels3d(ctx, scene, camera, width, height, scale);
  } finally {
    for (const [m, w] of lines) m.linewidth = w;
    v.showCheap(wasInteractive);
    renderer.setPixelRatio(ratio);
    renderer.setSize(size.x, size.y, false);
    camera.aspect = aspect;
    camera.fov = fov;
    camera.updateProjectionMatrix();
    v.render();
  }
  return out;
}
