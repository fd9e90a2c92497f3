/**
 * The lesson's figures (SPEC sections 10-11): sharpness along the runs, step against gradient,
 * and the sweep with its progress. Each is a LinePlot drawing a spec from src/present/lessonPlots.ts;
 * a click on a swept value asks for that value for that run (onPickSweep).
 */
import type { ViewModel } from '../present/viewModel';
import type { SweepState } from '../engineSweep';
import type { LessonPlots } from '../state/schema';
import { sharpnessPlot, stepPlot, sweepPlot } from '../present/lessonPlots';
import { LinePlot } from './linePlot';
import { THEME } from '../present/theme';
import { el } from '../ui/dom';
import { t } from '../i18n';

export class LessonPanel {
  readonly sharpnessHost = el('div', { id: 'sharpness-host', 'data-figure': 'sharpness', class: 'lesson-figure' });
  readonly stepsHost = el('div', { id: 'steps-host', 'data-figure': 'steps', class: 'lesson-figure' });
  readonly sweepHost = el('div', { id: 'sweep-host', 'data-figure': 'sweep', class: 'lesson-figure' });
  readonly sharpness = new LinePlot(this.sharpnessHost, 'sharpness');
  readonly steps = new LinePlot(this.stepsHost, 'steps');
  readonly sweep = new LinePlot(this.sweepHost, 'sweep');
  private readonly progress = el('div', { class: 'sweep-progress', hidden: '' });
  /** a click on a swept value: the run (0: main) and the value */
  onPickSweep: (run: number, value: number) => void = () => {};
  private vm: ViewModel | null = null;
  private sweepState: SweepState | null = null;
  /** the sweep shown is for an earlier start (a drag in progress): dimmed, and said */
  private stale = false;

  constructor() {
    // the progress (or stale) line sits over the middle of the figure: no layout shift, the title stays readable
    this.sweepHost.style.position = 'relative';
    Object.assign(this.progress.style, {
      position: 'absolute', top: '50%', left: '50%', transform: 'translate(-50%, -50%)', maxWidth: '90%', padding: '2px 8px',
      font: '13px Inter, sans-serif', color: THEME.text, background: THEME.panel, border: `1px solid ${THEME.divider}`, borderRadius: '3px', pointerEvents: 'none',
    });
    this.sweepHost.append(this.progress);
    this.sweep.canvas.addEventListener('click', (e) => this.pick(e));
  }

  /**
   * Which of the lesson's figures are shown (plots=…, and the sweep's when there is one); `one`
   * (presentation mode): only the first of the sweep, the sharpness and the steps that is asked
   * for, in a slot of the one-screen layout. Returns the host shown alone, or null.
   */
  setShown(plots: LessonPlots, sweep: boolean, one = false): HTMLElement | null {
    const wanted = [
      [this.sweepHost, sweep],
      [this.sharpnessHost, plots === 'sharpness' || plots === 'both'],
      [this.stepsHost, plots === 'steps' || plots === 'both'],
    ] as const;
    const alone = one ? (wanted.find(([, on]) => on)?.[0] ?? null) : null;
    for (const [host, on] of wanted) {
      host.hidden = one ? host !== alone : !on;
      host.classList.toggle('in-slot', host === alone);
    }
    return alone;
  }

  /** A figure by name while it is shown (tests), else null. */
  shown(name: 'sharpness' | 'steps' | 'sweep'): LinePlot | null {
    const plot = this[name];
    return plot.canvas.parentElement?.hidden === false ? plot : null;
  }

  update(vm: ViewModel): void {
    this.vm = vm;
    this.sweep.setSpec(sweepPlot(vm, this.sweepState));
  }

  setSweep(s: SweepState | null): void {
    this.sweepState = s;
    if (this.vm) this.sweep.setSpec(sweepPlot(this.vm, s));
    this.showProgress();
  }

  /** Marks the sweep shown as stale (the start is being dragged) or current; true if that changed. */
  setStale(on: boolean): boolean {
    if (this.stale === on) return false;
    this.stale = on;
    this.sweep.canvas.style.opacity = on ? '0.45' : '';
    this.sweepHost.dataset.stale = on ? '1' : '0';
    this.showProgress();
    return true;
  }

  private showProgress(): void {
    const s = this.sweepState;
    this.progress.hidden = !s || (s.complete && !this.stale);
    if (this.stale) this.progress.textContent = t('the sweep is for the previous start: it updates when the start rests');
    else if (s && !s.complete) this.progress.textContent = t('computing the sweep: {percent}%', { percent: Math.floor((100 * s.done) / Math.max(1, s.total)) });
  }

  setFrame(k: number): void {
    if (!this.vm) return;
    this.sharpness.setSpec(sharpnessPlot(this.vm, k));
    this.steps.setSpec(stepPlot(this.vm, k));
  }

  draw(): void {
    if (!this.sharpnessHost.hidden) this.sharpness.draw();
    if (!this.stepsHost.hidden) this.steps.draw();
    if (!this.sweepHost.hidden) this.sweep.draw();
  }

  resize(width: number, height: number): void {
    for (const p of [this.sharpness, this.steps, this.sweep]) p.resize(width, height);
  }

  setTextScale(k: number): void {
    for (const p of [this.sharpness, this.steps, this.sweep]) p.setTextScale(k);
  }

  /** The nearest swept point to the click, within 12 px: that run and value. */
  private pick(e: MouseEvent): void {
    const s = this.sweepState?.sweep;
    if (!s || s.kind !== 'lr') return;
    let best: [number, number, number] | null = null;
    s.runs.forEach((r, i) =>
      s.x.forEach((v, j) => {
        const p = this.sweep.toScreen(v, r.divergedAt[j] >= 0 ? NaN : r.finalCost[j]);
        if (!p) return;
        const d = Math.hypot(p.x - e.pageX, p.y - e.pageY);
        if (d <= 12 && (!best || d < best[2])) best = [i, v, d];
      }),
    );
    if (best) this.onPickSweep(best[0], best[1]);
    else {
      // a click on the axis picks the main run's value under the pointer
      const rect = this.sweep.canvas.getBoundingClientRect();
      const at = this.sweep.fromCanvas(e.clientX - rect.left, e.clientY - rect.top);
      if (at) this.onPickSweep(0, nearest(s.x, at[0]));
    }
  }
}

function nearest(xs: Float64Array, v: number): number {
  let best = xs[0];
  for (const x of xs) if (Math.abs(Math.log(x / v)) < Math.abs(Math.log(best / v))) best = x;
  return best;
}
