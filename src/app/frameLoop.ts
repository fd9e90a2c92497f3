/**
 * The frame loop: what to redraw comes from what changed (change flags), not from counters.
 * 'model': a new view model (every view was updated: the frame's panels and the 2D figures are
 * drawn again); 'layout': the figures were resized; 'scene': the 3D view only (the camera moved,
 * the interactive frame began or ended); 'panels': the 2D figures only (a sweep filled in). A new iteration shown sets the frame on every view.
 */
import type { Params, RawParams } from '../state/schema';
import type { ViewModel } from '../present/viewModel';
import type { Figures } from './figures';
import { Playback } from '../ui/playback';

export type FrameChange = 'model' | 'layout' | 'scene' | 'panels';

export interface FrameHost {
  params(): Params;
  viewModel(): ViewModel | null;
  /** the pointer is dragging the start: playback waits */
  dragging(): boolean;
  /** after the frame's views: the panel's iteration field, the control panel's height */
  showFrame(k: number, last: number): void;
  /** playback reached the last iteration */
  ended(last: number): void;
  setParams(raw: RawParams): Promise<void>;
}

export class FrameLoop {
  readonly playback = new Playback();
  /** frames drawn, for the benchmark's frame-time measurements */
  framesDrawn = 0;
  private readonly changes = new Set<FrameChange>(['model', 'layout']);
  private shownFrame = -1;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly figures: Figures,
    private readonly host: FrameHost,
  ) {}

  invalidate(change: FrameChange): void {
    this.changes.add(change);
  }

  /** the last iteration of the longest run */
  lastIndex(): number {
    return this.host.viewModel()?.lastIndex ?? 0;
  }

  currentFrame(): number {
    return this.host.viewModel() ? this.playback.frame(this.host.params(), this.lastIndex()) : 0;
  }

  start(): void {
    requestAnimationFrame((t) => this.tick(t));
  }

  /** Draws what changed now (also used by the benchmark to time a frame). */
  drawNow(): void {
    const vm = this.host.viewModel();
    if (!vm) return;
    const p = this.host.params();
    const k = this.currentFrame();
    const model = this.changes.has('model');
    const frameChanged = k !== this.shownFrame || model;
    if (frameChanged) {
      this.figures.setFrame(k);
      this.shownFrame = k;
    }
    this.host.showFrame(k, vm.lastIndex);
    const resized = this.changes.has('layout');
    // a sweep's progress redraws its own figure only: on a software GPU a 3D frame costs 100 ms
    // and more, taken from the sweep's own computation
    if (p.layout !== '2d' && (frameChanged || resized || this.changes.has('scene'))) this.figures.drawScene();
    if (p.layout !== '3d') {
      if (frameChanged || resized) this.figures.draw2d();
      else if (this.changes.has('panels')) this.figures.drawLesson();
    }
    this.framesDrawn++;
    this.changes.clear();
    // ready() means presented: the GPU has finished this frame's work (not just been handed it),
    // then the compositor has had two frames to put it on screen. Only full frames count.
    if (this.figures.surface.interactive) return;
    const waiters = this.waiters;
    this.waiters = [];
    if (waiters.length) void this.presented().then(() => waiters.forEach((w) => w()));
  }

  private tick(now: number): void {
    const p = this.host.params();
    if (this.host.viewModel()) {
      const moved = this.playback.advance(now, p, this.lastIndex(), this.host.dragging());
      if (moved) this.changes.add('scene');
      if (moved === 'end') this.host.ended(this.lastIndex());
    }
    if (this.changes.size || this.waiters.length) this.drawNow();
    if (!this.host.params().still) requestAnimationFrame((t) => this.tick(t));
  }

  /** Still mode has no loop: draw at once; else the next tick draws. */
  drawSoon(change: FrameChange): void {
    this.changes.add(change);
    if (this.host.params().still) this.drawNow();
  }

  togglePlay(): void {
    const p = this.host.params();
    const k = this.currentFrame();
    this.playback.clock = !p.play && k >= this.lastIndex() ? 0 : k;
    void this.host.setParams({ play: !p.play, frame: p.play ? Math.floor(this.playback.clock) : -1 });
  }

  step(delta: number): void {
    const k = Math.max(0, this.currentFrame() + delta);
    this.playback.clock = k;
    void this.host.setParams({ play: false, frame: k });
  }

  restart(): void {
    this.playback.clock = 0;
    void this.host.setParams({ play: true, frame: -1 });
  }

  /** Resolves once the GPU work submitted so far is done and the compositor has had two frames. */
  presented(): Promise<void> {
    const gpu = this.host.params().layout !== '2d' ? this.figures.surface.gpuDone() : Promise.resolve();
    return gpu.then(twoFrames);
  }

  /** Resolves after a frame showing the current state has been presented. */
  afterDraw(): Promise<void> {
    // Nothing changed since the last full frame: no second draw. The GPU work submitted so far
    // includes that frame, and the two compositor frames after it cover the page around it.
    if (this.changes.size === 0 && !this.figures.surface.interactive && this.framesDrawn > 0) return this.presented();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.drawSoon('scene');
    });
  }
}

/** Resolves after two animation frames: the compositor has had a frame to show what was drawn. */
function twoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
