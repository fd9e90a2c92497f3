/**
 * The 3D view: the surface of log10(cost + 1) as a mesh (height and colour from the same value, or
 * the colour from log10 of the sharpness: colorBy), the stability contour while the lesson is shown,
 * contour lines, the lines |wRec| = 1, the valley floor, the tutorial's six points, the runs with
 * their moving markers, and the draggable start point. Its parts live beside it: the renderer
 * (renderer3d.ts), the camera (surfaceCamera.ts), coordinates (surfaceCoords.ts), picking
 * (surfacePicking.ts), the meshes (surfaceMesh.ts), the furniture (surfaceDecor.ts), the runs
 * (runs3d.ts, fatLines.ts), the labels' layout (labelLayout.ts) and exported frames
 * (surfaceSnapshot.ts).
 */
import * as THREE from 'three/webgpu';
import type { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DObject, CSS2DRenderer } from 'three/addons/renderers/CSS2DRenderer.js';
import type { SurfaceResult } from '../gpu/backend';
import type { SurfaceSummary } from '../model/surface';
import { fitLabels } from './labelLayout';
import { startAtEdge, startOutsideNote } from './common';
import { drawRun, showFrame, showQuality, type RunDraw, type RunLine } from './runs3d';
import { t } from '../i18n';
import type { ViewModel } from '../present/viewModel';
import { addAxes, addModelLines, addTutorialPoints, addValleyFloor, addWRecOneLines, contourLines, polyline, type SurfaceFrame } from './surfaceDecor';
import type { ModelView } from '../present/modelView';
import { label, RetiredObjects } from './meshUtils';
import { buildSurfaceMeshes, drapeMesh, type ColourField, type Drape, type SurfaceMeshes } from './surfaceMesh';
import { stabilityObjects } from './surfaceStability';
import type { StabilityLine } from '../present/sharpnessMap';
import { createRenderer, fullPixelRatio, gpuDone } from './renderer3d';
import { cameraAngles, createCamera, placeCamera, setAspect } from './surfaceCamera';
import { SurfaceCoords } from './surfaceCoords';
import { pointOnClient, raycastSurface, surfacePointOnPage } from './surfacePicking';
import { renderSurfaceAt } from './surfaceSnapshot';

// main.ts asks this module whether the renderer is a software one
export { isSoftwareRenderer } from './renderer3d';

/** While the camera moves or the start is dragged, on a software rasteriser (where every pixel costs CPU time): this render scale. */
const INTERACTIVE_SCALE = 0.5;

export class SurfaceView {
  readonly renderer: THREE.WebGPURenderer;
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: OrbitControls;
  private readonly scene = new THREE.Scene();
  private readonly labels: CSS2DRenderer;
  private readonly surfaceGroup = new THREE.Group();
  private readonly trajectoryGroup = new THREE.Group();
  /** the stability contour and its label (surfaceStability.ts), while the lesson is shown */
  private readonly lessonGroup = new THREE.Group();
  private stabilityShown: { line: StabilityLine | null; version: number } = { line: null, version: -1 };
  private shownSurface: SurfaceResult | null = null;
  /** the surface's meshes: the full one and the cheaper stand-in shown while interacting */
  private meshes: SurfaceMeshes | null = null;
  private runLines: RunLine[] = [];
  /** true while the camera moves or the start is dragged: the cheaper frame */
  interactive = false;
  /** drawn by a software rasteriser (SwiftShader): the interactive frame also lowers the render scale */
  readonly software: boolean;
  private readonly marker: THREE.Mesh;
  private readonly startMarker: THREE.Mesh;
  private readonly startLabel: CSS2DObject;
  /** the plotted window, the mesh's heights and the height scale */
  private readonly grid = new SurfaceCoords();
  private runs: RunDraw[] = [];
  /** bumped by every setSurface; the runs' lines were last built over this one */
  private surfaceVersion = 0;
  private runsDrawnFor = -1;
  private drape: Drape | null = null;
  /** geometries and materials of removed objects, disposed after the next frame */
  private readonly retired = new RetiredObjects();
  backendName = '';

  constructor(container: HTMLElement, software: boolean) {
    this.software = software;
    this.renderer = createRenderer(software);
    container.appendChild(this.renderer.domElement);
    this.labels = new CSS2DRenderer();
    this.labels.domElement.className = 'labels3d';
    container.appendChild(this.labels.domElement);
    ({ camera: this.camera, controls: this.controls } = createCamera(this.renderer.domElement));
    this.scene.add(this.surfaceGroup, this.trajectoryGroup, this.lessonGroup);
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
    setAspect(this.camera, width, height);
  }

  /** azimuth, elevation (degrees) and distance of the camera around the surface's centre */
  setCamera(cam: [number, number, number]): void {
    placeCamera(this.camera, this.controls, cam);
  }

  getCamera(): [number, number, number] {
    return cameraAngles(this.camera, this.controls);
  }

  // --- coordinates ---------------------------------------------------------------------------

  worldX(wx: number): number {
    return this.grid.worldX(wx);
  }

  worldZ(wRec: number): number {
    return this.grid.worldZ(wRec);
  }

  /** height of the drawn mesh at (wx, wRec), bilinear between its vertices */
  meshHeight(wx: number, wRec: number): number {
    return this.grid.meshHeight(wx, wRec);
  }

  /** vertices per side of the full mesh */
  meshSide(): number {
    return this.grid.m;
  }

  // --- surface ---------------------------------------------------------------------------------

  /** what surfaceDecor.ts needs of this view to build the surface's furniture */
  private frame(): SurfaceFrame {
    const grid = this.grid;
    return {
      range: grid.range,
      hMax: grid.hMax,
      worldX: (wx) => grid.worldX(wx),
      worldZ: (wRec) => grid.worldZ(wRec),
      onSurface: (wx, wRec, cost, lift) => grid.onSurface(wx, wRec, cost, lift),
      group: this.surfaceGroup,
    };
  }

  private shownVm: ViewModel | null = null;
  /** the model's names, points and lines (null: the tutorial's) */
  private modelView: ModelView | null = null;

  /** The view model: the surface again when it or the contours changed, and the runs in their colours. */
  update(vm: ViewModel): void {
    const old = this.shownVm;
    this.shownVm = vm;
    const { state, params } = vm;
    const surfaceChanged = !old || old.state.surface !== state.surface || old.params.contours !== params.contours || old.sharpness !== vm.sharpness;
    this.modelView = vm.model;
    if (surfaceChanged) this.setSurface(state.surface, state.summary, state.params.range, params.contours, vm.sharpness);
    if (surfaceChanged || old.runs !== vm.runs) this.setRuns(vm.runs.map((r) => ({ ...r.run, css: r.css })));
    this.setStability(vm.stability);
  }

  /** The stability contour over the surface drawn (again when it or the surface changed). */
  private setStability(line: StabilityLine | null): void {
    const shown = this.stabilityShown;
    if (shown.line === line && shown.version === this.surfaceVersion) return;
    this.stabilityShown = { line, version: this.surfaceVersion };
    this.retired.clear(this.lessonGroup);
    // add() with no objects logs an error in three.js: a line with no chain long enough adds nothing
    const objects = line && this.shownSurface && this.grid.m >= 2 ? stabilityObjects(line, this.shownSurface, this.grid) : [];
    if (objects.length) this.lessonGroup.add(...objects);
  }

  /** The frame (the app draws it every frame the view is on screen). */
  draw(): void {
    this.render();
  }

  /** The view at an image's size (snapshot()). */
  renderAt(width: number, height: number, scale: number): HTMLCanvasElement {
    return this.renderSnapshot(width, height, scale);
  }

  setSurface(s: SurfaceResult, summary: SurfaceSummary, range: [number, number, number, number], contours: boolean, colourBy: ColourField | null = null): void {
    this.surfaceVersion++;
    this.shownSurface = s;
    this.grid.range = range;
    this.retired.clear(this.surfaceGroup);
    // the same scale as the heatmap and the colour bar (computed once per surface, over every cell)
    this.grid.hMax = summary.logTop;
    this.grid.valueHeight = this.modelView?.heightKind === 'linear';
    const meshes = buildSurfaceMeshes(s.res, summary, colourBy);
    this.meshes = meshes;
    this.grid.m = meshes.m;
    this.grid.heights = meshes.heights;
    this.surfaceGroup.add(meshes.mesh);
    if (meshes.coarse) this.surfaceGroup.add(meshes.coarse.mesh);
    // a new mesh has the surface's own colours already: only a drape changes them
    if (this.drape) this.applyDrape();
    this.applyQuality();

    const frame = this.frame();
    const mv = this.modelView;
    if (contours) this.surfaceGroup.add(contourLines(frame, summary.logs, s.res, mv?.contourLevels));
    if (!mv || mv.wRecOneLines) {
      addWRecOneLines(frame, s);
      addValleyFloor(frame, s);
    }
    if (mv) addModelLines(frame, s, mv.lines);
    addAxes(frame, mv ?? undefined);
    addTutorialPoints(frame, s, mv?.points);
    if (this.runs.length) this.setRuns(this.runs);
  }

  /**
   * The cheaper frame while the camera moves or the start is dragged (a coarser mesh, plain lines
   * for the fat ones, and on a software rasteriser half the render scale); the full frame again
   * when the motion stops. Still pictures and ready() only ever see the full frame.
   */
  setInteractive(on: boolean): void {
    if (on === this.interactive) return;
    this.interactive = on;
    if (this.software) this.renderer.setPixelRatio(on ? INTERACTIVE_SCALE * fullPixelRatio() : fullPixelRatio());
    this.applyQuality();
  }

  private applyQuality(): void {
    const cheap = this.interactive;
    const coarse = this.meshes?.coarse;
    if (this.meshes) this.meshes.mesh.visible = !(cheap && coarse);
    if (coarse) coarse.mesh.visible = cheap;
    for (const line of this.runLines) showQuality(line, cheap);
  }

  /**
   * Colours the surface by something else over the same weights (the atlas in 'starts' mode):
   * each vertex takes the colour of the nearest cell; null gives the surface its own colours back.
   */
  setDrape(drape: Drape | null): void {
    this.drape = drape;
    this.applyDrape();
  }

  private applyDrape(): void {
    const meshes = this.meshes;
    if (!meshes) return;
    drapeMesh(meshes.mesh, meshes.m, meshes.colours, this.drape, this.grid.range);
    if (meshes.coarse) drapeMesh(meshes.coarse.mesh, meshes.coarse.m, meshes.coarse.colours, this.drape, this.grid.range);
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
    this.retired.clear(this.trajectoryGroup);
    this.runLines = [];
    this.marker.visible = false;
    if (this.grid.m < 2 || runs.length === 0) return;
    const grid = this.grid;
    const paint = {
      range: grid.range,
      place: (wx: number, wRec: number, cost: number) => grid.onSurface(wx, wRec, cost),
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
    const edge = startAtEdge(sx, sy, grid.range);
    this.startMarker.position
      .copy(edge ? grid.onSurface(edge[0], edge[1], 0) : grid.onSurface(sx, sy, runs[0].costs[0]))
      .add(new THREE.Vector3(0, 0.02, 0));
    this.startLabel.element.textContent = edge ? startOutsideNote(sx, sy) : t('start: drag me');
  }

  /** shows every run up to iteration k, each with its marker there when that iterate is inside the window */
  setFrame(k: number): void {
    for (const line of this.runLines) showFrame(line, k);
  }

  // --- frames ------------------------------------------------------------------------------------

  /** Resolves when the GPU has finished the frames submitted so far (for timing). */
  gpuDone(): Promise<void> {
    return gpuDone(this.renderer);
  }

  /** rectangles (client coordinates) that the labels must not cover: the control panel */
  avoidRects: () => DOMRect[] = () => [];

  render(): void {
    this.renderer.render(this.scene, this.camera);
    this.retired.dispose();
    this.labels.render(this.scene, this.camera);
    fitLabels(this.labels.domElement, this.renderer.domElement.getBoundingClientRect(), this.avoidRects());
  }

  /**
   * The 3D view rendered at width x height canvas pixels (not the screen's canvas enlarged), line
   * widths and labels `scale` times their on-screen size (surfaceSnapshot.ts).
   */
  renderSnapshot(width: number, height: number, scale: number): HTMLCanvasElement {
    const source = {
      renderer: this.renderer,
      scene: this.scene,
      camera: this.camera,
      interactive: this.interactive,
      // the cheaper or the full frame, without the render scale (the snapshot sets its own)
      showCheap: (cheap: boolean) => {
        this.interactive = cheap;
        this.applyQuality();
      },
      render: () => this.render(),
    };
    return renderSurfaceAt(source, width, height, scale);
  }

  // --- picking ---------------------------------------------------------------------------------

  /** page coordinates of the surface point (wx, wRec), or null when it is not visible */
  toScreen(wx: number, wRec: number): { x: number; y: number } | null {
    return surfacePointOnPage(this.grid, this.camera, this.renderer.domElement, wx, wRec);
  }

  /** where a client-space pixel's ray meets the drawn surface (march then bisect) */
  raycastSurface(clientX: number, clientY: number): { wx: number; wRec: number; point: THREE.Vector3 } | null {
    return raycastSurface(this.grid, this.camera, this.renderer.domElement, clientX, clientY);
  }

  /** client-space position of the start marker, for picking it up */
  startMarkerScreen(): { x: number; y: number } | null {
    return pointOnClient(this.startMarker.position, this.camera, this.renderer.domElement);
  }

  setStartHighlight(on: boolean): void {
    (this.startMarker.material as THREE.MeshBasicMaterial).color.set(on ? 0xffd000 : 0xff6a00);
    this.startMarker.scale.setScalar(on ? 1.4 : 1);
  }
}
