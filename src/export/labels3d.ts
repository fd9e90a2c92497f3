/**
 * The 3D view's HTML labels (CSS2DObject) drawn into an exported image as the screen shows them:
 * each on its dark plate (the label's own background, padding and corner radius), with its text
 * shadow, moved as the label layout moved it on screen (its CSS `translate`), hidden where the
 * layout hid it. The start's "drag me" hint is for the screen only: an image says "start".
 */
import * as THREE from 'three/webgpu';
import { CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';
import { t } from '../i18n';

/** `translate: 12px -3px` (what fitLabels sets) as CSS pixels; 0 for none. */
export function parseTranslate(value: string): [number, number] {
  const m = value.trim().match(/^(-?[\d.]+)px(?:\s+(-?[\d.]+)px)?/);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [0, 0];
}

/** The text an image shows for a label: the start's hint without "drag me". */
export function exportedLabelText(el: HTMLElement): string {
  const text = el.textContent ?? '';
  return el.classList.contains('start') && text === t('start: drag me') ? t('start') : text;
}

/**
 * Draws every visible label of `scene` where CSS2DRenderer centres it for `camera` in a
 * width x height image, `scale` times its on-screen size. Call with the camera set for the image.
 */
export function drawLabels3d(ctx: CanvasRenderingContext2D, scene: THREE.Object3D, camera: THREE.Camera, width: number, height: number, scale: number): void {
  const labels: { el: HTMLElement; x: number; y: number }[] = [];
  scene.traverseVisible((o) => {
    if (!(o instanceof CSS2DObject)) return;
    const el = o.element;
    if (!el.textContent || el.style.display === 'none' || el.style.visibility === 'hidden') return;
    const v = o.getWorldPosition(new THREE.Vector3()).project(camera);
    if (v.z < -1 || v.z > 1) return;
    labels.push({ el, x: ((v.x + 1) / 2) * width, y: ((1 - v.y) / 2) * height });
  });
  ctx.save();
  for (const { el, x, y } of labels) drawLabel(ctx, el, x, y, scale);
  ctx.restore();
}

function drawLabel(ctx: CanvasRenderingContext2D, el: HTMLElement, ax: number, ay: number, scale: number): void {
  const cs = getComputedStyle(el);
  const [dx, dy] = parseTranslate(el.style.translate);
  const text = exportedLabelText(el);
  ctx.font = `${cs.fontWeight} ${parseFloat(cs.fontSize) * scale}px ${cs.fontFamily}`;
  const padL = parseFloat(cs.paddingLeft) || 0;
  const padR = parseFloat(cs.paddingRight) || 0;
  // the plate: the element's box on screen (or the text measured, when the text differs from it)
  const w = (text === el.textContent ? el.offsetWidth : ctx.measureText(text).width / scale + padL + padR) * scale;
  const h = el.offsetHeight * scale;
  const cx = ax + dx * scale;
  const cy = ay + dy * scale;
  const bg = cs.backgroundColor;
  if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
    ctx.fillStyle = bg;
    ctx.beginPath();
    ctx.roundRect(cx - w / 2, cy - h / 2, w, h, (parseFloat(cs.borderTopLeftRadius) || 0) * scale);
    ctx.fill();
  }
  ctx.textAlign = 'center';
  // the baseline where the HTML line box puts it: the font's ascent below the box's top, the
  // box's spare height split above and below (textBaseline 'middle' sits about a pixel higher)
  ctx.textBaseline = 'alphabetic';
  const m = ctx.measureText(text);
  const tx = cx + ((padL - padR) / 2) * scale;
  const ty = cy - h / 2 + (h - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent;
  // text-shadow: 0 0 3px #000 (twice)
  ctx.shadowColor = '#000';
  ctx.shadowBlur = 3 * scale;
  ctx.fillStyle = cs.color;
  ctx.fillText(text, tx, ty);
  ctx.fillText(text, tx, ty);
  ctx.shadowBlur = 0;
  ctx.fillText(text, tx, ty);
}
