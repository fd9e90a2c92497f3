/**
 * The side panels and the readout: the captions, the gradient check at the
 * current point, "try the model", and the per-run readout over the 3D view. Views: they show
 * the view model (src/present/viewModel.ts) and evaluate nothing.
 */
import type { FrameModel, ViewModel } from '../present/viewModel';
import { formatNumber, formatReadoutCost, formatStep } from './common';
import { isRpropFamily } from '../model/optimiserSpec';
import { el } from '../ui/dom';
import { N_, t } from '../i18n';

export const GRADIENT_CHECK_HELP = N_(
  'Gradient check: the gradient from backpropagation through time is compared with a numerical one, (C(w + h) − C(w − h)) / 2h for each weight. They must agree to a relative 1e-5, or the backprop code is wrong.',
);

export class SidePanels {
  readonly caption = el('p', { id: 'caption' });
  readonly runsCaption = el('p', { id: 'runs-caption' });
  readonly checkPanel = el('div', { id: 'gradcheck', class: 'panel' });
  readonly modelPanel = el('div', { id: 'trymodel', class: 'panel' });
  private readonly modelInput: HTMLInputElement;
  private readonly modelOutput = el('div', { id: 'test-output' });
  private readonly modelMessage = el('div', { id: 'test-message', class: 'field-message', role: 'alert', hidden: '' });
  /** the message about the typed sequence, while it cannot be used (the output is cleared) */
  private testError: string | null = null;
  private vm: ViewModel | null = null;

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

  /** What depends on the runs only (not on the iteration): the runs' caption. */
  update(vm: ViewModel): void {
    this.vm = vm;
    this.runsCaption.textContent = vm.runsCaption;
    this.modelPanel.hidden = !vm.model.tryModel;
  }

  /** What depends on the iteration shown. */
  setFrame(k: number): void {
    const vm = this.vm;
    if (!vm) return;
    const f = vm.frame(k);
    this.caption.textContent = f.caption;
    this.showCheck(f, vm);
    if (document.activeElement !== this.modelInput) this.modelInput.value = vm.params.test;
    if (this.testError !== null) {
      this.modelOutput.replaceChildren();
      return;
    }
    this.modelOutput.replaceChildren(
      el('div', {}, t('output {output}   target {target}   (weights of this iteration)', { output: formatNumber(f.test.output, 4), target: f.test.target })),
      el('div', { class: 'note', id: 'trained-output' }, t('trained weights (last iteration): output {output}', { output: formatNumber(f.test.trainedOutput, 4) })),
    );
  }

  private showCheck(f: FrameModel, vm: ViewModel): void {
    const gc = f.check;
    const [w0, w1] = vm.model.axes;
    const c = vm.model.costLabel;
    this.checkPanel.title = t(GRADIENT_CHECK_HELP);
    this.checkPanel.replaceChildren(
      el('h3', {}, t('Gradient check here')),
      el('table', {},
        el('tr', {}, el('th', {}, ''), el('th', {}, t('numerical')), el('th', {}, t('backprop'))),
        el('tr', {}, el('th', {}, `∂${c}/∂${w0}`), el('td', {}, formatNumber(gc.numerical[0], 6)), el('td', {}, formatNumber(gc.backprop[0], 6))),
        el('tr', {}, el('th', {}, `∂${c}/∂${w1}`), el('td', {}, formatNumber(gc.numerical[1], 6)), el('td', {}, formatNumber(gc.backprop[1], 6))),
      ),
      el('div', { class: gc.pass ? 'pass' : 'fail' }, gc.pass ? t('pass (rtol 1e-5)') : t('FAIL: numerical and backprop disagree')),
      el('div', { class: 'note', id: 'tutorial-check' }, f.checkNote),
    );
  }
}

/** The readout over the 3D view: the iteration, then each run's weights, cost and step sizes there. */
export class ReadoutView {
  private vm: ViewModel | null = null;

  constructor(private readonly target: HTMLElement) {}

  update(vm: ViewModel): void {
    this.vm = vm;
  }

  setFrame(k: number): void {
    const vm = this.vm;
    if (!vm) return;
    const rows = vm.runs.map(({ run, css, name }, r) => {
      const i = Math.min(k, run.weights.length - 1);
      const [wx, wRec] = run.weights[i];
      const [a, b] = run.steps[i];
      const swatch = el('td', {}, el('i', { class: 'swatch', style: `background:${css}` }), name);
      if (k > i && run.diverged !== null) return el('tr', { 'data-run': String(r) }, swatch, el('td', { colspan: '4' }, t('diverged at iteration {k}: left |w| ≤ 1e6', { k: run.diverged })));
      const stepText = isRpropFamily(run.opt) ? `Δ ${formatStep(a)}, ${formatStep(b)}` : t('step {size}', { size: formatNumber(Math.hypot(a, b), 3) });
      return el('tr', { 'data-run': String(r) }, swatch, el('td', {}, formatNumber(wx, 4)), el('td', {}, formatNumber(wRec, 4)), el('td', {}, formatReadoutCost(run.costs[i])), el('td', {}, stepText));
    });
    this.target.replaceChildren(
      el('div', { class: 'big' }, t('iteration {k} / {last}', { k, last: vm.lastIndex })),
      el('table', {}, el('tr', {}, el('th', {}, t('run')), el('th', {}, vm.model.axes[0]), el('th', {}, vm.model.axes[1]), el('th', {}, vm.model.name === 'linear' ? t('cost') : vm.model.costLabel), el('th', {}, t('step sizes'))), ...rows),
    );
  }
}
