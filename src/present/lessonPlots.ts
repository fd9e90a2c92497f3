/**
 * The lesson's figures as plot specs (no DOM, SPEC sections 10-11): sharpness per iteration with
 * each run's stability limit dashed (Cohen et al. 2021's edge of stability), the step against
 * the gradient on log-log axes, and the sweeps (final cost against the step-size knob; shares
 * converged and diverged against the sequence length). The views only draw them.
 */
import type { ViewModel } from './viewModel';
import type { SweepState } from '../engineSweep';
import type { PlotMark, PlotRule, PlotSeries, PlotSpec } from '../views/linePlot';
import { isRpropFamily } from '../model/optimiserSpec';
import { shortNumber } from '../views/common';
import { THEME } from './theme';
import { sweepLength } from '../state/sweep';
import { t } from '../i18n';

/** Sharpness (adam: preconditioned) per iteration, log y, each run's limit dashed in its colour. */
export function sharpnessPlot(vm: ViewModel, k: number): PlotSpec {
  const lessons = vm.state.lessons;
  const series: PlotSeries[] = vm.runs.map((r, i) => {
    const l = lessons[i];
    const values = l?.preconditionedSharpness ?? l?.sharpness ?? [];
    return { css: r.css, emphasis: i === 0, points: values.map((v, j) => [j, v] as const), current: Math.min(k, values.length - 1) };
  });
  const rules: PlotRule[] = [];
  vm.runs.forEach((r, i) => {
    const limit = lessons[i]?.stabilityLimit;
    if (limit !== null && limit !== undefined && limit > 0) rules.push({ axis: 'y', value: limit, css: r.css, label: t('{name}: stable below {limit}', { name: r.name, limit: shortNumber(limit) }) });
  });
  return {
    title: t('sharpness λmax along the runs (dashed: 2/lr, the stability limit)'),
    xLabel: t('iteration'),
    yLabel: t('sharpness λmax'),
    xLog: false,
    yLog: true,
    series,
    rules,
    empty: t('no run to show'),
  };
}

/** |w_k+1 - w_k| against |g_k|, log-log, iterations joined, the current one ringed. */
export function stepPlot(vm: ViewModel, k: number): PlotSpec {
  const lessons = vm.state.lessons;
  const series: PlotSeries[] = vm.runs.map((r, i) => {
    const grads = lessons[i]?.grads ?? [];
    const w = r.run.weights;
    const points: (readonly [number, number])[] = [];
    for (let j = 0; j + 1 < w.length && j < grads.length; j++) points.push([Math.hypot(grads[j][0], grads[j][1]), Math.hypot(w[j + 1][0] - w[j][0], w[j + 1][1] - w[j][1])]);
    return { css: r.css, emphasis: i === 0, points, current: Math.min(k, points.length - 1) };
  });
  return {
    title: t('step length against gradient norm (gradient descent: step = lr · |g|)'),
    xLabel: t('gradient norm |g_k|'),
    yLabel: t('step |w_k+1 − w_k|'),
    xLog: true,
    yLog: true,
    series,
    empty: t('no run to show'),
  };
}

/** The sweep: final cost against lr (or delta0), or shares against the length; null with no sweep. */
export function sweepPlot(vm: ViewModel, s: SweepState | null): PlotSpec | null {
  if (!s) return null;
  const sw = s.sweep;
  const x = Array.from(sw.x);
  if (sw.kind === 'seqLen') {
    const series: PlotSeries[] = sw.runs.flatMap((r, i) => {
      const css = vm.runs[i]?.css ?? THEME.text;
      const conv = x.map((L, j) => [L, r.converged[j]] as const).filter((p) => Number.isFinite(p[1]));
      const div = x.map((L, j) => [L, r.diverged[j]] as const).filter((p) => Number.isFinite(p[1]));
      return [{ css, points: conv, dots: true, emphasis: i === 0 }, { css, points: div, dots: true, dashed: true }];
    });
    // the sigmoid unit's sweep varies its number of steps (SPEC section 12), the linear RNN's the data's length
    const steps = sweepLength(vm.state.params.model).key === 'steps';
    return {
      title: steps ? t('more steps, a steeper cliff: share of starts (solid: converge, dashed: diverge)') : t('longer sequences, steeper walls: share of starts (solid: converge, dashed: diverge)'),
      xLabel: steps ? t('steps') : t('sequence length'),
      yLabel: t('share of starts'),
      xLog: false,
      xInteger: true,
      yLog: false,
      yRange: [-0.02, 1.02],
      xRange: [x[0] - 0.5, x[x.length - 1] + 0.5],
      series,
    };
  }
  const series: PlotSeries[] = [];
  const marks: PlotMark[] = [];
  const rules: PlotRule[] = [];
  sw.runs.forEach((r, i) => {
    const css = vm.runs[i]?.css ?? THEME.text;
    const points = x.map((v, j) => [v, r.divergedAt[j] >= 0 ? NaN : r.finalCost[j]] as const);
    series.push({ css, points, dots: true, emphasis: i === 0 });
    // diverged values at the top, labelled with their iteration where there is room (every few)
    const every = Math.max(1, Math.ceil(x.length / 8));
    x.forEach((v, j) => {
      if (r.divergedAt[j] >= 0) marks.push({ x: v, css, label: j % every === 0 ? t('it. {k}', { k: r.divergedAt[j] }) : '' });
    });
    if (r.limit !== null && r.limit > 0) rules.push({ axis: 'x', value: r.limit, css, label: t('stable at the start below {limit}', { limit: shortNumber(r.limit) }) });
  });
  return {
    title: t('one knob, every value: final cost after the run (× diverged, with its iteration)'),
    xLabel: sw.runs.some((r) => isRpropFamily(r.opt)) ? t('step-size knob: lr, or delta0 for the Rprop family') : t('learning rate lr'),
    yLabel: t('final cost'),
    xLog: true,
    yLog: true,
    xRange: [Math.log10(x[0]) - 0.2, Math.log10(x[x.length - 1]) + 0.2],
    series,
    marks,
    rules,
  };
}
