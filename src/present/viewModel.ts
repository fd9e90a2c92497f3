/**
 * The present layer (no DOM): engine state + parameters -> one view model per change. It names
 * and colours the runs, writes their outcomes and captions, builds the loss curve's series, the
 * colour bar's scale, the status lines, the atlas maps' input, and (per iteration, on demand)
 * the gradient series and the gradient check. Views draw the view model and evaluate nothing.
 */
import type { AtlasState, EngineState } from '../engine';
import type { Params } from '../state/schema';
import type { OptimiserRun } from '../model/optimisers';
import type { GradSeries, GradientScale } from '../views/gradplot';
import type { LossSeries } from '../views/lossplot';
import type { AtlasPanelInput } from '../views/atlasCells';
import { gradientCheck, runModel, type GradientCheck } from '../model/rnn';
import { explainGradient, gradSeriesAt, gradientExtent, modelGradOverTime } from './gradients';
import { explainModelPoint, explainModelRuns, modelCheckAt, modelCheckNote } from './modelText';
import { explainRuns, runOutcome } from './runText';
import { runLabels, runNames } from './runNames';
import { runColour } from './theme';
import { atlasRunMarker } from './atlasPick';
import { formatNumber } from '../views/common';
import { atlasNoteText, finishedInFloat64Text } from './notes';
import { sharpnessScale, stabilityLine, type SharpnessScale, type StabilityLine } from './sharpnessMap';
import { t } from '../i18n';
import { presentModel, type ModelView } from './modelView';

/** One run as every view shows it: its colour, its name, its label with hyperparameters, its outcome. */
export interface RunView {
  run: OptimiserRun;
  css: string;
  /** short name that tells the runs apart ("sgd", "sgd (lr 0.01)") */
  name: string;
  /** name with every hyperparameter the run uses */
  label: string;
  outcome: string;
  diverged: boolean;
}

/** What the views show at one iteration. */
export interface FrameModel {
  k: number;
  /** the main run's weights at k */
  point: readonly [number, number];
  gradSeries: GradSeries[];
  caption: string;
  check: GradientCheck;
  /** the note under the check: the model's own check at its point */
  checkNote: string;
  /** "try the model": the outputs of the weights at k and of the last iteration's on the test sequence */
  test: { input: number[]; target: number; output: number; trainedOutput: number };
}

export interface ColorbarModel {
  /** what the colours show: log10(cost + 1), a model's cost itself ('linear', the sigmoid unit's E), or log10 of the sharpness λmax (colorBy) */
  kind: 'cost' | 'sharpness' | 'linear';
  /** the scale's bottom and top in decades (cost: 0 and log10(cost + 1) at the top) */
  bottom: number;
  top: number;
  /** some cell is drawn grey: the cost beyond float32, or no positive finite sharpness */
  overflow: boolean;
  /** the bar's title where it is not 'cost + 1' (e.g. 'E') */
  title?: string;
}

export interface ViewModel {
  state: EngineState;
  params: Params;
  runs: RunView[];
  /** the last iteration of the longest run */
  lastIndex: number;
  runsCaption: string;
  lossSeries: LossSeries[];
  colorbar: ColorbarModel;
  /** the model's names, height scale, marked points and lines as the views show them */
  model: ModelView;
  /** colorBy=sharpness on a surface with sharpness: its log10 per cell and decades (else null: coloured by cost) */
  sharpness: SharpnessScale | null;
  /** where the surface's sharpness equals the main run's stability limit, while the lesson is shown (colorBy=sharpness, plots or a sweep); null: no limit (Rprop family), no sharpness, or no lesson */
  stability: StabilityLine | null;
  /** one axis scale for the gradient plot for the whole run: fixed at the first iteration asked for, kept while the state is the same */
  gradScale(k: number): GradientScale | null;
  /** the views at iteration k (computed once per iteration and view model) */
  frame(k: number): FrameModel;
}

/** The view model of a computed state, with the parameters the views show; `previous`'s runs are kept when they are the same runs. */
export function presentState(state: EngineState, params: Params, previous: ViewModel | null = null): ViewModel {
  const tol = state.params.tol;
  const same = previous !== null && previous.state.runs === state.runs && previous.state.params.tol === tol;
  const runs = same ? previous.runs : presentRuns(state.runs, tol);
  const frames = new Map<number, FrameModel>();
  const model = presentModel(state.params);
  let gradScale: GradientScale | null | undefined = previous?.state === state ? previous.gradScale(0) : undefined;
  const vm: ViewModel = {
    state,
    params,
    runs,
    lastIndex: Math.max(...state.runs.map((r) => r.weights.length - 1)),
    runsCaption: same ? previous.runsCaption : model.name === 'linear' ? explainRuns(state.dataset, state.runs, tol) : explainModelRuns(state.model, state.dataset, state.runs, tol),
    lossSeries: same ? previous.lossSeries : runs.map((r, i) => ({ label: r.name, css: r.css, costs: r.run.costs, diverged: r.run.diverged, emphasis: i === 0 })),
    ...presentSharpness(state, params, runs.map((r) => r.name), model),
    model,
    gradScale(k) {
      // the six points, the start and every iteration's point: one scale while the run plays
      if (gradScale === undefined) gradScale = gradientExtent(state.dataset, state.runs[0], vm.frame(k).gradSeries.map((x) => x.values), 400, modelGradOverTime(state));
      return gradScale;
    },
    frame(k) {
      let f = frames.get(k);
      if (!f) {
        if (frames.size > 64) frames.clear();
        f = presentFrame(state, params, k);
        frames.set(k, f);
      }
      return f;
    },
  };
  return vm;
}

/** The colour bar, the sharpness colouring and the stability contour of a state. */
function presentSharpness(state: EngineState, params: Params, names: string[], model: ModelView): Pick<ViewModel, 'colorbar' | 'sharpness' | 'stability'> {
  const field = state.surface.sharpness;
  const scale = field ? sharpnessScale(field) : null;
  // the main run's limit, else the first compared run's that has one (an Rprop main run has none:
  // Pascanu's cliff compares sgd at lr 0.5 with it)
  const i = state.lessons?.findIndex((l) => l.stabilityLimit !== null) ?? -1;
  const run = i >= 0 ? state.runs[i] : undefined;
  const limit = i >= 0 ? state.lessons[i].stabilityLimit : null;
  // the line belongs to the lesson: drawn while any of it is shown, so the plain views stay as they were
  const lesson = params.colorBy === 'sharpness' || params.plots !== 'none' || params.sweep !== 'off';
  const stability = lesson && scale && run ? stabilityLine(scale, state.surface.res, limit, names[i] ?? '', run.hyper.lr) : null;
  const sharpness = params.colorBy === 'sharpness' ? scale : null;
  const colorbar: ColorbarModel = sharpness
    ? { kind: 'sharpness', bottom: sharpness.bottom, top: sharpness.top, overflow: sharpness.grey }
    : model.heightKind === 'linear'
      ? { kind: 'linear', bottom: 0, top: state.summary.logTop, overflow: state.overflow, title: model.heightTitle }
      : { kind: 'cost', bottom: 0, top: state.summary.logTop, overflow: state.overflow };
  return { colorbar, sharpness, stability };
}

function presentRuns(runs: OptimiserRun[], tol: number): RunView[] {
  const names = runNames(runs);
  const labels = runLabels(runs);
  return runs.map((run, i) => ({ run, css: runColour(i), name: names[i], label: labels[i], outcome: runOutcome(run, tol), diverged: run.diverged !== null }));
}

function presentFrame(s: EngineState, p: Params, k: number): FrameModel {
  const main = s.runs[0];
  const [wx, wRec] = main.weights[Math.min(k, main.weights.length - 1)];
  const linear = s.model.name === 'linear';
  const explanation = linear ? explainGradient(wRec, s.dataset.seqLen) : explainModelPoint(s.model, s.dataset, wx, wRec);
  const caption = t('At the current point ({wx}, {wRec}): {explanation}', { wx: formatNumber(wx, 3), wRec: formatNumber(wRec, 3), explanation });
  const input = [...p.test].map(Number);
  const [fx, fr] = main.weights[main.weights.length - 1];
  const test = { input, target: input.reduce((a, b) => a + b, 0), output: runModel(input, wx, wRec), trainedOutput: runModel(input, fx, fr) };
  const check = linear ? gradientCheck(s.dataset, wx, wRec) : modelCheckAt(s.model, s.dataset, wx, wRec);
  return { k, point: [wx, wRec], gradSeries: gradSeriesAt(s, k), caption, check, checkNote: modelCheckNote(s.model, s.gradientCheck.pass), test };
}

/** The atlas panel's input: in 'lr' mode each run's map over its own run's hyperparameters; markers where each run's settings are. */
export function presentAtlas(a: AtlasState, params: Params): AtlasPanelInput {
  const main = a.runs[0];
  const markers = a.runs.map((r) => atlasRunMarker(a.mode, r, params.start));
  const titles = runLabels(a.runs);
  return {
    mode: a.mode,
    xAxis: main.xAxis,
    yAxis: main.yAxis,
    xLabel: main.xLabel,
    yLabel: main.yLabel,
    xLog: main.xLog,
    yLog: main.yLog,
    iterations: a.iterations,
    tol: a.tol,
    runs: a.runs.map((r, i) => ({
      title: titles[i] + boundaryText(r.boundaryDimension), css: runColour(i), result: r.result,
      xAxis: r.xAxis, yAxis: r.yAxis, xLabel: r.xLabel, yLabel: r.yLabel, xLog: r.xLog, yLog: r.yLog, marker: markers[i],
    })),
    marker: markers[0],
    note: [atlasNoteText(a.notes), atlasFinishedNote(a)].filter((x) => x !== null).join(' ') || null,
  };
}

/** The atlas runs' cells finished in float64, summed over the runs computed so far. */
function atlasFinishedNote(a: AtlasState): string | null {
  let finished = 0;
  let cells = 0;
  for (const r of a.runs) {
    if (!r.result) continue;
    finished += r.result.finishedInFloat64 ?? 0;
    cells += r.xAxis.length * r.yAxis.length;
  }
  return finishedInFloat64Text(finished, cells);
}

/** The status lines: the backends, the overflow note and the runs that diverged. */
export function statusLines(vm: ViewModel | null, computeBackend: string, renderBackend: string): string[] {
  const parts = [t('compute: {backend}', { backend: computeBackend }), t('render: {backend}', { backend: renderBackend })];
  if (vm?.state.overflow) parts.push(t('Grey: the cost there is beyond float32 (about 3.4e38); it is shown flat at the top, not as a number.'));
  const diverged = vm?.runs.filter((r) => r.diverged).map((r) => r.name) ?? [];
  if (diverged.length) parts.push(t("Diverged (the weights left |w| ≤ 1e6; the path stops at the plot's edge): {runs}.", { runs: diverged.join(', ') }));
  return parts;
}

/** The boundary's box-counting dimension in a map's title (SPEC section 8), where it has one. */
function boundaryText(d: number | null | undefined): string {
  return typeof d === 'number' && Number.isFinite(d) ? t(' · boundary dimension {d}', { d: d.toFixed(2) }) : '';
}
