/**
 * The side panels and the readout: the runs' legend, the caption, the gradient check at the
 * current point, "try the model", and the per-run readout over the 3D view. They only show the
 * state they are given.
 */
import type { EngineState } from '../engine';
import { gradientCheck, runModel } from '../model/rnn';
import { formatNumber, formatReadoutCost, formatStep } from '../views/common';
import { explainGradient } from '../views/gradplot';
import { runColour } from '../views/palette';
import { explainRuns, runOutcome } from '../views/runText';
import { runLabels, runNames } from '../views/runNames';
import { isRpropFamily } from '../model/optimiserSpec';
import { el } from './dom';
import { N_, t } from '../i18n';

export const GRADIENT_CHECK_HELP = N_(
  'Gradient check: the gradient from backpropagation through time is compared with a numerical one, (C(w + h) − C(w − h)) / 2h for each weight. They must agree to a relative 1e-5, or the backprop code is wrong.',
);

export class SidePanels {
  readonly legend = el('div', { id: 'runs-legend', class: 'panel' });
  readonly caption = el('p', { id: 'caption' });
  readonly runsCaption = el('p', { id: 'runs-caption' });
  readonly checkPanel = el('div', { id: 'gradcheck', class: 'panel' });
  readonly modelPanel = el('div', { id: 'trymodel', class: 'panel' });
  private readonly modelInput: HTMLInputElement;
  private readonly modelOutput = el('div', { id: 'test-output' });
  private readonly modelMessage = el('div', { id: 'test-message', class: 'field-message', role: 'alert', hidden: '' });
  /** the message about the typed sequence, while it cannot be used (the output is cleared) */
  private testError: string | null = null;
  private shownState: EngineState | null = null;

  constructor(onTestInput: (text: string) => void) {
    this.modelInput = el('input', { type: 'text', id: 'test-input', spellcheck: 'false', 'aria-label': t('test sequence of 0 and 1') }) as HTMLInputElement;
    this.modelInput.addEventListener('input', () => onTestInput(this.modelInput.value));
    this.modelPanel.append(el('h3', {}, t('Try the model')), this.modelInput, this.modelMessage, this.modelOutput);
  }

  /** The message about a refused test sequence, under its field; the old output goes. */
  showTestMessages(messages: string[]): void {
    this.testError = messages.length ? messages.join(' ') : null;
    this.modelMessage.textContent = this.testError ?? '';
    this.modelMessage.hidden = this.testError === null;
    if (this.testError !== null) this.modelOutput.replaceChildren();
  }

  /** What depends on the runs only (not on the iteration): legend and the runs' caption. */
  showRuns(s: EngineState): void {
    if (this.shownState && this.shownState.runs === s.runs && this.shownState.params.tol === s.params.tol) return;
    this.shownState = s;
    const tol = s.params.tol;
    const labels = runLabels(s.runs);
    this.legend.replaceChildren(
      el('h3', {}, s.runs.length > 1 ? t('Runs') : t('Run')),
      ...s.runs.map((run, i) =>
        el(
          'div',
          { class: 'legend-row', 'data-run': String(i) },
          el('i', { class: 'swatch', style: `background:${runColour(i)}` }),
          // the name, then every hyperparameter the run uses unless the name lists them all
          el('span', { class: 'run-name' }, labels[i]),
          el('span', { class: run.diverged !== null ? 'run-outcome bad' : 'run-outcome' }, runOutcome(run, tol)),
        ),
      ),
    );
    this.runsCaption.textContent = explainRuns(s.dataset, s.runs, tol);
  }

  /** What depends on the iteration shown. */
  showFrame(s: EngineState, k: number, test: string): void {
    const main = s.runs[0];
    const i = Math.min(k, main.weights.length - 1);
    const [wx, wRec] = main.weights[i];
    this.caption.textContent = t('At the current point ({wx}, {wRec}): {explanation}', { wx: formatNumber(wx, 3), wRec: formatNumber(wRec, 3), explanation: explainGradient(wRec, s.dataset.seqLen) });
    const gc = gradientCheck(s.dataset, wx, wRec);
    this.checkPanel.title = t(GRADIENT_CHECK_HELP);
    this.checkPanel.replaceChildren(
      el('h3', {}, t('Gradient check here')),
      el('table', {},
        el('tr', {}, el('th', {}, ''), el('th', {}, t('numerical')), el('th', {}, t('backprop'))),
        el('tr', {}, el('th', {}, '∂C/∂wx'), el('td', {}, formatNumber(gc.numerical[0], 6)), el('td', {}, formatNumber(gc.backprop[0], 6))),
        el('tr', {}, el('th', {}, '∂C/∂wRec'), el('td', {}, formatNumber(gc.numerical[1], 6)), el('td', {}, formatNumber(gc.backprop[1], 6))),
      ),
      el('div', { class: gc.pass ? 'pass' : 'fail' }, gc.pass ? t('pass (rtol 1e-5)') : t('FAIL: numerical and backprop disagree')),
      el('div', { class: 'note', id: 'tutorial-check' }, s.gradientCheck.pass ? t("the tutorial's check at (1.2, 1.2): pass") : t("the tutorial's check at (1.2, 1.2): FAIL")),
    );
    if (document.activeElement !== this.modelInput) this.modelInput.value = test;
    if (this.testError !== null) {
      this.modelOutput.replaceChildren();
      return;
    }
    const input = [...test].map(Number);
    const target = input.reduce((a, b) => a + b, 0);
    const [fx, fr] = main.weights[main.weights.length - 1];
    this.modelOutput.replaceChildren(
      el('div', {}, t('output {output}   target {target}   (weights of this iteration)', { output: formatNumber(runModel(input, wx, wRec), 4), target })),
      el('div', { class: 'note', id: 'trained-output' }, t('trained weights (last iteration): output {output}', { output: formatNumber(runModel(input, fx, fr), 4) })),
    );
  }
}

/** The readout over the 3D view: the iteration, then each run's weights, cost and step sizes there. */
export function renderReadout(target: HTMLElement, s: EngineState, k: number): void {
  const last = Math.max(...s.runs.map((r) => r.weights.length - 1));
  const names = runNames(s.runs);
  const rows = s.runs.map((run, r) => {
    const i = Math.min(k, run.weights.length - 1);
    const [wx, wRec] = run.weights[i];
    const [a, b] = run.steps[i];
    if (k > i && run.diverged !== null)
      return el('tr', { 'data-run': String(r) }, el('td', {}, el('i', { class: 'swatch', style: `background:${runColour(r)}` }), names[r]), el('td', { colspan: '4' }, t('diverged at iteration {k}: left |w| ≤ 1e6', { k: run.diverged })));
    const stepText = isRpropFamily(run.opt) ? `Δ ${formatStep(a)}, ${formatStep(b)}` : t('step {size}', { size: formatNumber(Math.hypot(a, b), 3) });
    return el(
      'tr',
      { 'data-run': String(r) },
      el('td', {}, el('i', { class: 'swatch', style: `background:${runColour(r)}` }), names[r]),
      el('td', {}, formatNumber(wx, 4)),
      el('td', {}, formatNumber(wRec, 4)),
      el('td', {}, formatReadoutCost(run.costs[i])),
      el('td', {}, stepText),
    );
  });
  target.replaceChildren(
    el('div', { class: 'big' }, t('iteration {k} / {last}', { k, last })),
    el('table', {}, el('tr', {}, el('th', {}, t('run')), el('th', {}, 'wx'), el('th', {}, 'wRec'), el('th', {}, t('cost')), el('th', {}, t('step sizes'))), ...rows),
  );
}
