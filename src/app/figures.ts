/**
 * Every view of the page, behind one interface: update(viewModel) when the view model changes,
 * setFrame(k) when the iteration shown changes, draw, and renderAt for exported images (the
 * exporter composes the views' renderAt). Views draw the view model; nothing here computes.
 */
import type { ViewModel } from '../present/viewModel';
import type { FigureSizes, Shell } from '../ui/shell';
import type { SnapshotSource } from '../export/snapshot';
import { SurfaceView } from '../views/surface3d';
import { HeatmapView } from '../views/heatmap2d';
import { GradientPlot } from '../views/gradplot';
import { LossPlot } from '../views/lossplot';
import { AtlasPanel } from '../views/atlasPanel';
import { LegendView } from '../views/legendView';
import { ColorbarView } from '../views/colorbar';
import { StatusView } from '../views/statusView';
import { ReadoutView, SidePanels } from '../views/sidePanels';
import { LessonPanel } from '../views/lessonPanel';

export class Figures {
  readonly surface: SurfaceView;
  readonly map: HeatmapView;
  readonly gradients: GradientPlot;
  readonly loss: LossPlot;
  readonly atlas: AtlasPanel;
  readonly colorbar: ColorbarView;
  readonly status: StatusView;
  readonly readout: ReadoutView;
  readonly lesson = new LessonPanel();
  /** presentation mode: the lesson's figure in the loss curve's place (null: none there) */
  private lessonInSlot: HTMLElement | null = null;
  private sizes: FigureSizes | null = null;
  private readonly lossHost: HTMLElement;
  private readonly gradientsHost: HTMLElement;

  constructor(
    shell: Shell,
    readonly side: SidePanels,
    readonly legend: LegendView,
    softwareRenderer: boolean,
  ) {
    this.surface = new SurfaceView(shell.view3d, softwareRenderer);
    shell.attachOverlays();
    this.map = new HeatmapView(shell.mapHost);
    this.loss = new LossPlot(shell.lossHost);
    this.gradients = new GradientPlot(shell.gradientsHost);
    this.atlas = new AtlasPanel(shell.atlasHost);
    this.colorbar = new ColorbarView(shell.colorbar);
    this.status = new StatusView(shell.status);
    this.readout = new ReadoutView(shell.readout);
    // the lesson's figures after the gradient plot (shown with plots=… or a sweep)
    shell.gradientsHost.after(this.lesson.sharpnessHost, this.lesson.stepsHost, this.lesson.sweepHost);
    this.lossHost = shell.lossHost;
    this.gradientsHost = shell.gradientsHost;
  }

  /**
   * The lesson's figures: below the four (they may scroll), or in presentation mode one of them
   * in the loss curve's place, at its size, so that the one-screen layout still fits.
   */
  private placeLesson(vm: ViewModel): void {
    const p = vm.params;
    const inSlot = this.lesson.setShown(p.plots, p.sweep !== 'off', p.present);
    if (inSlot === this.lessonInSlot) return;
    this.lessonInSlot = inSlot;
    this.lossHost.hidden = inSlot !== null;
    if (inSlot) this.lossHost.after(inSlot);
    else this.gradientsHost.after(this.lesson.sharpnessHost, this.lesson.stepsHost, this.lesson.sweepHost);
    if (this.sizes) this.resize(this.sizes);
  }

  /** A new view model: each view takes what it shows (and redraws only what changed in it). */
  update(vm: ViewModel): void {
    this.placeLesson(vm);
    for (const view of [this.surface, this.map, this.loss, this.gradients, this.legend, this.colorbar, this.side, this.readout, this.lesson]) view.update(vm);
  }

  /** The iteration shown. */
  setFrame(k: number): void {
    for (const view of [this.surface, this.map, this.loss, this.gradients, this.legend, this.side, this.readout, this.lesson]) view.setFrame(k);
  }

  /** Each figure at its size for the layout (null: not shown) and the text scale. */
  resize(sizes: FigureSizes): void {
    for (const v of [this.map, this.gradients, this.loss, this.atlas, this.lesson]) v.setTextScale(sizes.textScale);
    if (sizes.surface3d) this.surface.resize(...sizes.surface3d);
    if (sizes.map) this.map.resize(...sizes.map);
    if (sizes.atlasWidth !== null) this.atlas.setWidth(sizes.atlasWidth);
    this.sizes = sizes;
    if (sizes.loss) this.loss.resize(...sizes.loss);
    if (sizes.gradients) this.gradients.resize(...sizes.gradients);
    if (this.lessonInSlot && sizes.loss) this.lesson.resize(...sizes.loss);
    else if (sizes.gradients) this.lesson.resize(sizes.gradients[0], Math.max(220, sizes.gradients[1]));
  }

  /** The 3D view (every frame it is on screen). */
  drawScene(): void {
    this.surface.draw();
  }

  /** The 2D figures (only when what they show changed: not on every orbit step). */
  draw2d(): void {
    this.map.draw();
    this.gradients.draw();
    this.lesson.draw();
  }

  /** The lesson's figures only (a sweep filled in). */
  drawLesson(): void {
    this.lesson.draw();
  }

  /** The views the exporter composes. */
  snapshotSource(hasAtlas: boolean): SnapshotSource {
    return {
      surface: this.surface,
      map: this.map,
      gradients: this.gradients,
      loss: this.loss,
      legend: this.legend,
      colorbar: this.colorbar,
      atlas: hasAtlas ? this.atlas : null,
      lesson: { sharpness: this.lesson.sharpness, steps: this.lesson.steps, sweep: this.lesson.sweepHost.hidden ? null : this.lesson.sweep },
    };
  }

  /** page coordinates of (wx, wRec) in a view: the 3D view, the 2D map, or (none named) the main view of the layout */
  toScreen(layout: 'both' | '3d' | '2d', wx: number, wRec: number, view?: '3d' | 'map'): { x: number; y: number } | null {
    const map = view === 'map' || (view === undefined && layout === '2d');
    if (map) return layout === '3d' ? null : this.map.toScreen(wx, wRec);
    return layout === '2d' ? null : this.surface.toScreen(wx, wRec);
  }
}
