/**
 * What the engine computes after the state, between it and its views. The atlas: each atlas
 * state becomes the panel's input (the present layer), the progress bar, the markers where the
 * runs' settings are, the drape over the 3D surface; a click on a map sets that run's start or
 * hyperparameters, a zoom its window. The sweep: its plot and progress; a click on a swept value
 * sets that value for that run. While the start is dragged the lr sweep (float64 on the page, tens
 * of milliseconds a run) waits until the start settles: latest wins, the plot says it is stale.
 */
import type { AtlasState, Engine } from '../engine';
import type { SweepState } from '../engineSweep';
import type { FrameChange } from './frameLoop';
import type { Params, RawParams } from '../state/schema';
import type { Figures } from './figures';
import { presentAtlas } from '../present/viewModel';
import { atlasPickChange, atlasRunMarker, atlasZoomChange, sweepPickChange } from '../present/atlasPick';
import { atlasCellColour } from '../views/atlasCells';

export interface AtlasHost {
  params(): Params;
  setParams(raw: RawParams): Promise<void>;
  restart(): void;
  /** a result changed what is drawn */
  changed(change: FrameChange): void;
  hover(text: string | null, x: number, y: number): void;
  /** the pointer is dragging the start */
  dragging(): boolean;
}

/** While the start is dragged, the lr sweep starts once the start has not moved for this long (or on release). */
export const SWEEP_SETTLE_MS = 250;
/** how often a deferred sweep looks whether the drag has ended or the start settled */
const SETTLE_POLL_MS = 50;

export class ResultsController {
  /** the atlas on screen, and how many of its runs had results when it was drawn */
  shown: AtlasState | null = null;
  private resultsShown = -1;
  /** the deferred sweep's start (a drag in progress): its timer and the promise's resolve */
  private deferred: { timer: number; done: () => void } | null = null;

  constructor(
    private readonly figures: Figures,
    private readonly engine: Engine,
    private readonly host: AtlasHost,
  ) {
    engine.onAtlas((a) => this.show(a));
    engine.onSweep((s) => this.showSweep(s));
    engine.sweepGate = (p, go) => this.gateSweep(p, go);
    figures.lesson.onPickSweep = (run, value) => {
      const change = sweepPickChange(host.params(), run, value);
      if (change) void host.setParams(change).then(() => host.restart());
    };
    const panel = figures.atlas;
    panel.onHover = (info, x, y) => host.hover(info ? info.text : null, x, y);
    panel.onPick = (run, x, y) => this.pick(run, x, y);
    // A wheel turn sends several notches: recompute once it stops. The window is the run's family's.
    let zoomTimer = 0;
    panel.onZoom = (run, range) => {
      clearTimeout(zoomTimer);
      const opt = this.shown?.runs[run]?.opt;
      if (opt) zoomTimer = window.setTimeout(() => void host.setParams(atlasZoomChange(opt, range)), 250);
    };
  }

  show(a: AtlasState | null): void {
    const panel = this.figures.atlas;
    if (!a) {
      this.shown = null;
      panel.update(null);
    } else {
      panel.setProgress(a.complete ? a.total : a.done, a.total);
      const ready = a.runs.filter((r) => r.result).length;
      // Redrawn when a new atlas starts (blank maps) and each time a run's atlas arrives.
      if (a === this.shown && ready === this.resultsShown) return;
      this.shown = a;
      this.resultsShown = ready;
      panel.update(presentAtlas(a, this.host.params()));
    }
    this.applyDrape();
    this.host.changed('model');
  }

  /** The sweep as it fills in (null: sweep=off). */
  showSweep(s: SweepState | null): void {
    this.figures.lesson.setSweep(s);
    this.host.changed('panels');
  }

  /**
   * When the sweep for new params starts (the engine's gate): at once, except the lr sweep while
   * the start is dragged (every move would rerun it in float64): the running one stops, the plot
   * keeps the last sweep marked stale, and the newest params' sweep starts once the start has
   * rested SWEEP_SETTLE_MS or the drag ends. Latest wins: a newer computation supersedes it.
   */
  private gateSweep(p: Params, go: () => void): Promise<void> | null {
    this.settle();
    if (p.sweep !== 'lr' || !this.host.dragging()) {
      const wasStale = this.figures.lesson.setStale(false);
      go();
      if (wasStale) this.showSweep(this.engine.sweep);
      return null;
    }
    this.engine.sweeper.cancel();
    if (this.figures.lesson.setStale(true)) this.host.changed('panels');
    const since = performance.now();
    return new Promise<void>((resolve) => {
      const check = () => {
        if (this.host.dragging() && performance.now() - since < SWEEP_SETTLE_MS) {
          this.deferred!.timer = window.setTimeout(check, SETTLE_POLL_MS);
          return;
        }
        this.deferred = null;
        this.figures.lesson.setStale(false);
        go();
        this.showSweep(this.engine.sweep);
        resolve();
      };
      this.deferred = { timer: window.setTimeout(check, SETTLE_POLL_MS), done: resolve };
    });
  }

  /** A deferred sweep start superseded: it never runs (its promise resolves). */
  private settle(): void {
    if (!this.deferred) return;
    clearTimeout(this.deferred.timer);
    this.deferred.done();
    this.deferred = null;
  }

  /** The markers follow the start (and the runs' hyperparameters). */
  moveMarkers(): void {
    const a = this.shown;
    if (!a) return;
    const markers = a.runs.map((r) => atlasRunMarker(a.mode, r, this.host.params().start));
    this.figures.atlas.setMarker(markers[0], markers);
  }

  /** The starts atlas of the main run over the 3D surface (atlasOn3d), or none. */
  applyDrape(): void {
    const a = this.shown;
    const main = a?.runs[0];
    if (!a || !main?.result || a.mode !== 'starts' || !this.host.params().atlasOn3d) {
      this.figures.surface.setDrape(null);
      return;
    }
    const r = main.result;
    const n = main.xAxis.length;
    this.figures.surface.setDrape({
      xAxis: main.xAxis,
      yAxis: main.yAxis,
      colour: (col, row) => atlasCellColour(r.convergedAt[row * n + col], r.divergedAt[row * n + col], r.finalCost[row * n + col], a.iterations),
    });
  }

  /** A click on run's map sets that run's start or hyperparameters to the cell's, then restarts. */
  private pick(run: number, x: number, y: number): void {
    const a = this.shown;
    if (!a) return;
    const change = atlasPickChange(a.mode, this.host.params(), run, x, y);
    if (change) void this.host.setParams(change).then(() => this.host.restart());
  }
}
