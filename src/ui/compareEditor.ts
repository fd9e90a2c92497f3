/**
 * The control panel's compared runs: one editable line per run (its text as in the URL), the
 * messages about that run under its line, a remove button, and "+ add a run". An edited line
 * goes through the URL's parser with the current runs as the ones it replaces, so a line that
 * cannot be used keeps its run as it was (parseCompare), said under the line and in the banner.
 */
import type GUI from 'lil-gui';
import { OPTIMISERS } from '../model/optimiserSpec';
import { MAX_COMPARE, type CompareRun, type Params } from '../state/schema';
import { formatCompare } from '../state/compare';
import { el } from './dom';
import { t } from '../i18n';

type Change = (partial: Partial<Record<keyof Params, unknown>>) => void;

/** Which compared run (1-based) a message is about ("compare: run 2 ..."), or null. */
export function compareRunOf(message: string): number | null {
  if (!message.startsWith('compare: ')) return null;
  for (let i = 1; i <= MAX_COMPARE; i++) {
    const head = `compare: ${t('run {index}', { index: i })}`;
    if (message.startsWith(head) && !/^\d/.test(message.slice(head.length))) return i;
  }
  return null;
}

export class CompareEditor {
  private runs: readonly CompareRun[] = [];
  private shown: string | null = null;
  /** each line's field and the element under it for its messages */
  private lines: { input: HTMLInputElement | null; message: HTMLElement }[] = [];
  private model: Record<string, unknown> = {};
  private messages: string[] = [];

  /** mainOpt: the main run's optimiser (a new run takes one that is not in use) */
  constructor(private readonly folder: GUI, private readonly onChange: Change, private readonly mainOpt: () => string) {}

  /** One line per run: rebuilt when the runs change; else each line shows its run as it is again. */
  show(runs: readonly CompareRun[]): void {
    const text = formatCompare(runs);
    if (text === this.shown) {
      // a refused edit: the line shows its run as it is (the message under it says what was typed)
      runs.forEach((run, i) => {
        const input = this.lines[i]?.input;
        if (input && document.activeElement !== input) this.model[`run${i}`] = formatCompare([run]);
      });
      return;
    }
    this.shown = text;
    this.runs = runs;
    for (const c of [...this.folder.controllers]) c.destroy();
    for (const line of this.lines) line.message.remove();
    this.lines = [];
    const model: Record<string, unknown> = { addRun: () => this.addRun() };
    this.model = model;
    runs.forEach((run, i) => {
      model[`run${i}`] = formatCompare([run]);
      model[`remove${i}`] = () => this.onChange({ compare: runs.filter((_, j) => j !== i) });
      const ctl = this.folder
        .add(model, `run${i}`)
        .name(t('run {index}', { index: i + 1 }))
        // the edited text through the URL's parser, the other runs as they are
        .onFinishChange((v: string) => this.onChange({ compare: runs.map((r, j) => (j === i ? v : formatCompare([r]))).join(';') }));
      const message = el('div', { class: 'gui-message compare-message', 'data-run': String(i + 1), role: 'alert', hidden: '' });
      ctl.domElement.after(message);
      this.lines.push({ input: ctl.domElement.querySelector('input'), message });
      this.folder.add(model, `remove${i}`).name(t('× remove run {index}', { index: i + 1 }));
    });
    if (runs.length < MAX_COMPARE) this.folder.add(model, 'addRun').name(t('+ add a run'));
    this.showMessages(this.messages);
  }

  /** The messages about each run under its line; returns the others (for the folder's top). */
  showMessages(messages: string[]): string[] {
    this.messages = messages;
    const placed = new Set<string>();
    this.lines.forEach(({ input, message }, i) => {
      const mine = messages.filter((m) => compareRunOf(m) === i + 1);
      mine.forEach((m) => placed.add(m));
      message.replaceChildren(...mine.map((m) => el('p', {}, m)));
      message.hidden = mine.length === 0;
      input?.setAttribute('aria-invalid', mine.length ? 'true' : 'false');
    });
    if (placed.size) this.folder.open();
    return messages.filter((m) => !placed.has(m));
  }

  private addRun(): void {
    const main = this.mainOpt();
    const unused = OPTIMISERS.find((o) => o !== main && !this.runs.some((r) => r.opt === o)) ?? 'sgd';
    this.onChange({ compare: [...this.runs, { opt: unused, overrides: {} }] });
  }
}
