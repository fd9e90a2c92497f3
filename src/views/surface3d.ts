/**
 * The 3D view: the surface of log10(cost + 1) as a mesh (height and colour from the same value),
 * contour lines, the lines |wRec| = 1, the valley floor, the tutorial's six points, the Rprop
 * trajectory with its moving marker, and the draggable start point. three.js WebGPURenderer,
 * which falls back to WebGL2 by itself where WebGPU cannot present.
 */
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DObject, CSS2DRenderer } from 'three/addons/renderers/CSS2DRenderer.js';
import { Line2 } from 'three/addons/lines/webgpu/Line2.js';
import type { SurfaceResult } from '../gpu/backend';
import type { SurfaceSummary } from '../model/surface';
import { logCost } from './colormap';
import { fitLabels } from './labelLayout';
import { startAtEdge, startOutsideNote } from './common';
import { drawRun, showFrame, showQuality, type RunDraw, type RunLine } from './runs3d';
import { t } from '../i18n';
import { drawLabels3d } from '../export/labels3d';
import { addAxes, addTutorialPoints, addValleyFloor, addWRecOneLines, contourLines, HEIGHT, MESH_MAX, polyline, type SurfaceFrame } from './surfaceDecor';
import { clearGroup, label } from './meshUtils';
import { buildMesh, drapeMesh, type Drape, type MeshSource } from './surfaceMesh';

/**
 * While the camera moves or the start is dragged: a mesh of at most this many vertices per side,
 * and (on a software rasteriser, where every pixel costs CPU time) this render scale.
 */
const INTERACTIVE_MESH_MAX = 97;
const INTERACTIVE_SCALE = 0.5;
const TARGET = new THREE.Vector3(0, 0.3, 0);
const LIFT = 0.02;

/** where a coarser mesh takes its vertices' heights and colours from: vertex k is vertex index[k] there */
export class SurfaceView {
  readonly renderer: THREE.WebGPURenderer;
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: OrbitControls;
  private readonly scene = new THREE.Scene();
  private readonly labels: CSS2DRenderer;
  private readonly surfaceGroup = new THREE.Group();
  private readonly trajectoryGroup = new THREE.Group();
  private mesh: THREE.Mesh | null = null;
  /** the cheaper stand-ins shown while interacting: a coarser mesh, and plain lines for the fat ones */
  private coarse: { mesh: THREE.Mesh; m: number; colours: Float32Array } | null = null;
  private runLines: RunLine[] = [];
  /** true while the camera moves or the start is dragged: the cheaper frame */
  interactive = false;
  /** drawn by a software rasteriser (SwiftShader): the interactive frame also lowers the render scale */
  readonly software: boolean;
  private readonly marker: THREE.Mesh;
  private readonly startMarker: THREE.Mesh;
  private readonly startLabel: CSS2DObject;
  /** mesh heights (world y), m x m, rows = wRec */
  private heights = new Float32Array(0);
  private m = 0;
  private range: [number, number, number, number] = [-3, 3, -3, 3];
  private hMax = 1;
  private runs: RunDraw[] = [];
  /** bumped by every setSurface; the runs' lines were last built over this one */
  private surfaceVersion = 0;
  private runsDrawnFor = -1;
  /** the surface's own vertex colours, to go back to when a drape is removed */
  private surfaceColours = new Float32Array(0);
  private drape: Drape | null = null;
  backendName = '';

  constructor(container: HTMLElement, software: boolean) {
    this.software = software;
    // On a software rasteriser (SwiftShader) MSAA and half-float output cost 2.5x the frame time;
    // real GPUs keep both.
    this.renderer = new THREE.WebGPURenderer({
      antialias: !software,
      outputBufferType: software ? THREE.UnsignedByteType : THREE.HalfFloatType,
    });
    // sharp at 150% zoom and on high-density screens; baselines are taken at devicePixelRatio 1
    this.renderer.setPixelRatio(this.fullPixelRatio());
    this.renderer.setClearColor(0x10141b);
    container.appendChild(this.renderer.domElement);
    this.labels = new CSS2DRenderer();
    this.labels.domElement.className = 'labels3d';
    container.appendChild(this.labels.domElement);
    this.camera = new THREE.PerspectiveCamera(38, 1, 0.05, 100);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.target.copy(TARGET);
    this.controls.enableDamping = false;
    this.controls.minDistance = 1.5;
    this.controls.maxDistance = 20;
    this.scene.add(this.surfaceGroup, this.trajectoryGroup);
    this.scene.add(new THREE.AmbientLight(0xffffff, 1.0));

    this.marker = new THREE.Mesh(new THREE.SphereGeometry(0.035, 20, 14), new THREE.MeshBasicMaterial({ color: 0xffffff }));
    this.startMarker = new THREE.Mesh(new THREE.SphereGeometry(0.05, 24, 16), new THREE.MeshBasicMaterial({ color: 0xff6a00 }));
    this.startLabel = label(t('start: drag me'), 'label start');
    this.startMarker.add(this.startLabel);
    this.startLabel.position.set(0, 0.09, 0);
    this.scene.add(this.marker, this.startMarker);
  }

  async init(): Promise<void> {
    await this.renderer.init();
    const backend = this.renderer.backend as { isWebGPUBackend?: boolean };
    this.backendName = backend.isWebGPUBackend ? 'WebGPU' : 'WebGL2';
  }

  resize(width: number, height: number): void {
    this.renderer.setSize(width, height, false);
    this.renderer.domElement.style.width = `${width}px`;
    this.renderer.domElement.style.height = `${height}px`;
    this.labels.setSize(width, height);
    this.camera.aspect = width / Math.max(1, height);
    this.camera.updateProjectionMatrix();
  }

  /** azimuth, elevation (degrees) and distance of the camera around the surface's centre */
  setCamera([azimuth, elevation, distance]: [number, number, number]): void {
    const az = THREE.MathUtils.degToRad(azimuth);
    const el = THREE.MathUtils.degToRad(elevation);
    this.camera.position.set(
      TARGET.x + distance * Math.cos(el) * Math.sin(az),
      TARGET.y + distance * Math.sin(el),
      TARGET.z + distance * Math.cos(el) * Math.cos(az),
    );
    this.controls.target.copy(TARGET);
    this.camera.lookAt(TARGET);
    this.controls.update();
  }

  getCamera(): [number, number, number] {
    const v = this.camera.position.clone().sub(this.controls.target);
    const distance = v.length();
    const elevation = THREE.MathUtils.radToDeg(Math.asin(v.y / distance));
    const azimuth = THREE.MathUtils.radToDeg(Math.atan2(v.x, v.z));
    const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    return [r(azimuth, 1), r(elevation, 1), r(distance, 2)];
  }

  // --- coordinates ---------------------------------------------------------------------------

  worldX(wx: number): number {
    const [a, b] = this.range;
    return -1 + (2 * (wx - a)) / (b - a);
  }

  worldZ(wRec: number): number {
    const [, , c, d] = this.range;
    return 1 - (2 * (wRec - c)) / (d - c);
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
    const l = logCost(cost);
    return Number.isFinite(l) ? (HEIGHT * Math.min(l, this.hMax)) / this.hMax : HEIGHT;
  }

  /** a point drawn on the surface: lifted so that it never sinks into the mesh */
  private onSurface(wx: number, wRec: number, cost: number, lift = LIFT): THREE.Vector3 {
    const y = Math.max(this.heightOfCost(cost), this.meshHeight(wx, wRec)) + lift;
    return new THREE.Vector3(this.worldX(wx), y, this.worldZ(wRec));
  }

  // --- surface ---------------------------------------------------------------------------------

  /** geometries and materials of removed objects, disposed after the next frame (see clearGroup) */
  private retired: { dispose(): void }[] = [];
  private retireTimer = 0;

  private clear(g: THREE.Group): void {
    clearGroup(g, this.retired);
    // no frame drawn soon (the 2D-only layout draws none): dispose them anyway
    clearTimeout(this.retireTimer);
    this.retireTimer = window.setTimeout(() => this.disposeRetired(), 2000);
  }

  private disposeRetired(): void {
    clearTimeout(this.retireTimer);
    const retired = this.retired;
    if (!retired.length) return;
    this.retired = [];
    for (const r of retired) r.dispose();
  }

  /** what surfaceDecor.ts needs of this view to build the surface's furniture */
  private frame(): SurfaceFrame {
    return {
      range: this.range,
      hMax: this.hMax,
      worldX: (wx) => this.worldX(wx),
      worldZ: (wRec) => this.worldZ(wRec),
      onSurface: (wx, wRec, cost, lift) => this.onSurface(wx, wRec, cost, lift),
      group: this.surfaceGroup,
    };
  }

  setSurface(s: SurfaceResult, summary: SurfaceSummary, range: [number, number, number, number], contours: boolean): void {
    this.surfaceVersion++;
    this.range = range;
    this.clear(this.surfaceGroup);
    const res = s.res;
    const m = Math.min(res, MESH_MAX);
    this.m = m;
    const pick = (k: number) => Math.round((k * (res - 1)) / (m - 1));
    const logs = new Float32Array(m * m);
    for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) logs[j * m + i] = summary.logs[pick(j) * res + pick(i)];
    // The same scale as the heatmap and the colour bar (computed once per surface, over every cell).
    this.hMax = summary.logTop;
    const full = buildMesh(logs, m, this.hMax);
    this.mesh = full.mesh;
    this.surfaceColours = full.colours;
    this.heights = full.heights;
    this.surfaceGroup.add(this.mesh);
    // the interactive stand-in, sampled from the same cells
    const mc = Math.min(m, INTERACTIVE_MESH_MAX);
    if (mc < m) {
      const pickC = (k: number) => Math.round((k * (res - 1)) / (mc - 1));
      const logsC = new Float32Array(mc * mc);
      for (let j = 0; j < mc; j++) for (let i = 0; i < mc; i++) logsC[j * mc + i] = summary.logs[pickC(j) * res + pickC(i)];
      // every cell is a vertex of the full mesh (res <= MESH_MAX): its colour is there already
      let from: MeshSource | undefined;
      if (m === res) {
        const index = new Int32Array(mc * mc);
        for (let j = 0; j < mc; j++) for (let i = 0; i < mc; i++) index[j * mc + i] = pickC(j) * m + pickC(i);
        from = { colours: full.colours, heights: full.heights, index };
      }
      const c = buildMesh(logsC, mc, this.hMax, from);
      this.coarse = { mesh: c.mesh, m: mc, colours: c.colours };
      this.surfaceGroup.add(c.mesh);
    } else this.coarse = null;
    // a new mesh has the surface's own colours already: only a drape changes them
    if (this.drape) this.applyDrape();
    this.applyQuality();

    const frame = this.frame();
    if (contours) this.surfaceGroup.add(contourLines(frame, summary.logs, res));
    addWRecOneLines(frame, s);
    addValleyFloor(frame, s);
    addAxes(frame);
    addTutorialPoints(frame, s);
    if (this.runs.length) this.setRuns(this.runs);
  }

  /** A mesh of m x m vertices: height and colour from log10(cost + 1) on the shared scale. */
  /** device pixels per CSS pixel of the full frame: devicePixelRatio within 1..3 */
  private fullPixelRatio(): number {
    return Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  }

  /** vertices per side of the full mesh */
  meshSide(): number {
    return this.m;
  }

  /**
   * The cheaper frame while the camera moves or the start is dragged (a coarser mesh, plain lines
   * for the fat ones, and on a software rasteriser half the render scale); the full frame again
   * when the motion stops. Still pictures and ready() only ever see the full frame.
   */
  setInteractive(on: boolean): void {
    if (on === this.interactive) return;
    this.interactive = on;
    if (this.software) this.renderer.setPixelRatio(on ? INTERACTIVE_SCALE * this.fullPixelRatio() : this.fullPixelRatio());
    this.applyQuality();
  }

  private applyQuality(): void {
    const cheap = this.interactive;
    if (this.mesh) this.mesh.visible = !(cheap && this.coarse);
    if (this.coarse) this.coarse.mesh.visible = cheap;
    for (const line of this.runLines) showQuality(line, cheap);
  }

  /** The contour levels on the surface, from the same segments the heatmap draws (computed once per surface). */
  /**
   * Colours the surface by something else over the same weights (the atlas in 'starts' mode):
   * each vertex takes the colour of the nearest cell; null gives the surface its own colours back.
   */
  setDrape(drape: Drape | null): void {
    this.drape = drape;
    this.applyDrape();
  }

  private applyDrape(): void {
    if (this.mesh) drapeMesh(this.mesh, this.m, this.surfaceColours, this.drape, this.range);
    if (this.coarse) drapeMesh(this.coarse.mesh, this.coarse.m, this.coarse.colours, this.drape, this.range);
  }

  // --- runs (trajectories) ----------------------------------------------------------------------

  /** Draws every run: each piece of its path inside the window, its crossings of the edge, its current point. */
  setRuns(runs: RunDraw[]): void {
    // the same runs over the same surface (setSurface has just drawn them): nothing to do
    const same = this.runsDrawnFor === this.surfaceVersion && runs.length === this.runs.length &&
      runs.every((r, i) => { const o = this.runs[i]; return r.weights === o.weights && r.costs === o.costs && r.css === o.css && r.diverged === o.diverged; });
    this.runs = runs;
    if (same) return;
    this.runsDrawnFor = this.surfaceVersion;
    this.clear(this.trajectoryGroup);
    this.runLines = [];
    this.marker.visible = false;
    if (this.m < 2 || runs.length === 0) return;
    const paint = {
      range: this.range,
      place: (wx: number, wRec: number, cost: number) => this.onSurface(wx, wRec, cost),
      polyline: (pts: THREE.Vector3[], colour: number, width: number) => polyline(pts, colour, width),
      label,
    };
    runs.forEach((run, r) => {
      const marker = r === 0 ? this.marker : new THREE.Mesh(new THREE.SphereGeometry(0.03, 16, 12), new THREE.MeshBasicMaterial({ color: new THREE.Color(run.css) }));
      if (r > 0) this.trajectoryGroup.add(marker);
      this.runLines.push(drawRun(run, r === 0, marker, this.trajectoryGroup, paint));
    });
    this.applyQuality();
    // A start outside the plotted range is marked at the range's edge, with a note (never hidden).
    const [sx, sy] = runs[0].weights[0];
    const edge = startAtEdge(sx, sy, this.range);
    this.startMarker.position
      .copy(edge ? this.onSurface(edge[0], edge[1], 0) : this.onSurface(sx, sy, runs[0].costs[0]))
      .add(new THREE.Vector3(0, 0.02, 0));
    this.startLabel.element.textContent = edge ? startOutsideNote(sx, sy) : t('start: drag me');
  }

  /** shows every run up to iteration k, each with its marker there when that iterate is inside the window */
  setFrame(k: number): void {
    for (const line of this.runLines) showFrame(line, k);
  }

  /** Resolves when the GPU has finished the frames submitted so far (for timing). */
  async gpuDone(): Promise<void> {
    const b = this.renderer.backend as unknown as { device?: GPUDevice; gl?: WebGL2RenderingContext };
    if (b.device) {
      await b.device.queue.onSubmittedWorkDone();
      return;
    }
    const gl = b.gl;
    if (!gl) return;
    // A fence after the frame's commands, polled without blocking the page.
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) {
      gl.finish();
      return;
    }
    gl.flush();
    try {
      for (let i = 0; i < 600; i++) {
        const status = gl.clientWaitSync(sync, 0, 0);
        if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED || status === gl.WAIT_FAILED) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      gl.deleteSync(sync);
    }
  }

  /** rectangles (client coordinates) that the labels must not cover: the control panel */
  avoidRects: () => DOMRect[] = () => [];

  render(): void {
    this.renderer.render(this.scene, this.camera);
    this.disposeRetired();
    this.labels.render(this.scene, this.camera);
    fitLabels(this.labels.domElement, this.renderer.domElement.getBoundingClientRect(), this.avoidRects());
  }

  /**
   * The 3D view rendered at width x height canvas pixels (not the screen's canvas enlarged):
   * the renderer is resized, draws one frame, the frame is copied, and the renderer, camera and
   * on-screen frame are put back, all in one task so that the page never shows the large frame.
   * Line widths and the labels (drawn into the copy by src/export/labels3d.ts, as laid out on
   * screen) are `scale` times their on-screen size.
   */
  renderSnapshot(width: number, height: number, scale: number): HTMLCanvasElement {
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d')!;
    const size = this.renderer.getSize(new THREE.Vector2());
    const aspect = this.camera.aspect;
    const lines: [THREE.Line2NodeMaterial, number][] = [];
    this.scene.traverse((o) => {
      const m = (o as Line2).isLine2 ? ((o as Line2).material as THREE.Line2NodeMaterial) : null;
      if (m) lines.push([m, m.linewidth]);
    });
    // the full frame at exactly width x height: pixel ratio 1, full mesh and lines
    const ratio = this.renderer.getPixelRatio();
    const wasInteractive = this.interactive;
    try {
      this.interactive = false;
      this.applyQuality();
      for (const [m, w] of lines) m.linewidth = w * scale;
      this.renderer.setPixelRatio(1);
      this.renderer.setSize(width, height, false);
      this.camera.aspect = width / height;
      this.camera.updateProjectionMatrix();
      this.renderer.render(this.scene, this.camera);
      ctx.drawImage(this.renderer.domElement, 0, 0);
      drawLabels3d(ctx, this.scene, this.camera, width, height, scale);
    } finally {
      for (const [m, w] of lines) m.linewidth = w;
      this.interactive = wasInteractive;
      this.applyQuality();
      this.renderer.setPixelRatio(ratio);
      this.renderer.setSize(size.x, size.y, false);
      this.camera.aspect = aspect;
      this.camera.updateProjectionMatrix();
      this.render();
    }
    return out;
  }

  // --- picking ---------------------------------------------------------------------------------

  /** page coordinates of a world point, or null if it is outside the view or hidden by the surface */
  private projectVisible(p: THREE.Vector3): { x: number; y: number } | null {
    const v = p.clone().project(this.camera);
    if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    const x = rect.left + ((v.x + 1) / 2) * rect.width + window.scrollX;
    const y = rect.top + ((1 - v.y) / 2) * rect.height + window.scrollY;
    const hit = this.raycastSurface(x - window.scrollX, y - window.scrollY);
    const dist = this.camera.position.distanceTo(p);
    if (hit && this.camera.position.distanceTo(hit.point) < dist - 0.05) return null;
    return { x, y };
  }

  /** page coordinates of the surface point (wx, wRec), or null when it is not visible */
  toScreen(wx: number, wRec: number): { x: number; y: number } | null {
    const [a, b, c, d] = this.range;
    if (!(wx >= a && wx <= b && wRec >= c && wRec <= d) || this.m < 2) return null;
    return this.projectVisible(new THREE.Vector3(this.worldX(wx), this.meshHeight(wx, wRec), this.worldZ(wRec)));
  }

  /** where a client-space pixel's ray meets the drawn surface (march then bisect) */
  raycastSurface(clientX: number, clientY: number): { wx: number; wRec: number; point: THREE.Vector3 } | null {
    if (this.m < 2) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    const ray = new THREE.Raycaster();
    ray.setFromCamera(ndc, this.camera);
    const o = ray.ray.origin;
    const dir = ray.ray.direction;
    const [a, b, c, d] = this.range;
    const above = (t: number) => {
      const p = o.clone().addScaledVector(dir, t);
      if (Math.abs(p.x) > 1 || Math.abs(p.z) > 1) return { inside: false, diff: 1, p };
      const wx = a + ((p.x + 1) / 2) * (b - a);
      const wRec = c + ((1 - p.z) / 2) * (d - c);
      return { inside: true, diff: p.y - this.meshHeight(wx, wRec), p };
    };
    const far = this.camera.position.length() + 4;
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
        return { wx: a + ((p.x + 1) / 2) * (b - a), wRec: c + ((1 - p.z) / 2) * (d - c), point: p };
      }
      prevT = t;
    }
    return null;
  }

  /** client-space position of the start marker, for picking it up */
  startMarkerScreen(): { x: number; y: number } | null {
    const v = this.startMarker.position.clone().project(this.camera);
    if (v.z > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }

  setStartHighlight(on: boolean): void {
    (this.startMarker.material as THREE.MeshBasicMaterial).color.set(on ? 0xffd000 : 0xff6a00);
    this.startMarker.scale.setScalar(on ? 1.4 : 1);
  }
}

/** The triangles of an m x m grid, two per cell (the same for every surface of that size). */
/** True when the browser draws with a software rasteriser (SwiftShader), by WebGPU or WebGL. */
export async function isSoftwareRenderer(): Promise<boolean> {
  const soft = (s: string | undefined | null) => /swiftshader|llvmpipe|software/i.test(s ?? '');
  try {
    const adapter = await navigator.gpu?.requestAdapter();
    if (adapter) return soft(`${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description} ${adapter.info.device}`);
  } catch {
    // no WebGPU: ask WebGL below
  }
  const gl = document.createElement('canvas').getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  return soft(gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '');
}
