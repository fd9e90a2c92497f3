/**
 * The control panel (lil-gui): data, optimiser, playback and view. It only reads params and
 * writes partial changes through onChange; it never computes anything itself.
 */
import GUI, { type Controller } from 'lil-gui';
import { MAX_SAMPLES, MAX_SEQ_LEN } from '../model/dataset';
import { HYPER_LIMITS, HYPER_NAMES, HYPER_USED, OPTIMISERS, isRpropFamily, type HyperName } from '../model/optimiserSpec';
import { DEFAULT_PARAMS, MAX_ITERATIONS, MAX_RES, PARAM_SPEC, type Params } from '../state/schema';
/** the start and range sliders' span (the tutorial's weights); values up to WEIGHT_INPUT_LIMIT can be typed */
const WEIGHT_SLIDER = 10;
import { CompareEditor } from './compareEditor';
import { buildLessonFolder, LESSON_FOLDER, LESSON_KEYS, type LessonFolder } from './lessonFolder';
import { buildModelFolder, MODEL_FOLDER, MODEL_KEYS, type ModelFolder } from './modelFolder';
import { SCENES, sceneOf } from '../scenes';
import { el } from './dom';
import { zoomOptions } from './zoomOption';
import { N_, t } from '../i18n';

export interface PanelActions {
  play(): void;
  step(delta: number): void;
  restart(): void;
  copyLink(): void;
  copyStillLink(): void;
  scene(id: string): void;
  resetAll(): void;
}

/** How each hyperparameter is labelled, with its symbol where the literature has one. */
const HYPER_LABELS: Record<HyperName, string> = {
  delta0: N_('Δ0 (first step)'), etaPlus: N_('η+ (grow)'), etaMinus: N_('η− (shrink)'), deltaMin: 'Δmin', deltaMax: 'Δmax',
  lr: N_('learning rate'), momentum: N_('momentum'), clip: N_('clip norm'), beta1: 'β1', beta2: 'β2', eps: 'ε',
};

/** Hover help on the controls that need a sentence. */
const HYPER_HELP: Partial<Record<HyperName, string>> = {
  delta0: N_("Δ0: every weight's step size at the start. The tutorial's rprop multiplies it by η− before the first step (there is no previous sign to agree with yet)."),
  etaPlus: N_("η+ (etaPlus, > 1): while a weight's gradient keeps its sign, its step size Δ is multiplied by η+ at every iteration (1.2: 0.001, 0.0012, 0.00144, ...)."),
  etaMinus: N_("η− (etaMinus, < 1): when a weight's gradient changes sign (it stepped over a valley), its step size Δ is multiplied by η− (0.5 halves it)."),
};

/** The sign-based rule in two sentences, with the numbers in use. */
export function rpropNote(p: Params): string {
  const first = p.opt === 'rprop'
    ? t(' Here Δ starts at {delta0} and is multiplied by η− before the first step, so the first step is {first}.', { delta0: p.delta0, first: Number((p.delta0 * p.etaMinus).toPrecision(4)) })
    : '';
  return t('Rprop looks only at the sign of each gradient: each weight moves by its own step size Δ against that sign, however large the gradient. Δ grows ×{etaPlus} (η+) while the sign stays the same and shrinks ×{etaMinus} (η−) when it flips.', { etaPlus: p.etaPlus, etaMinus: p.etaMinus }) + first;
}

type Change = (partial: Partial<Record<keyof Params, unknown>>) => void;
/** Adds a folder by its (untranslated) name, with a message line at its top. */
type FolderMaker = (name: string) => GUI;

/** Which folder shows the messages about which parameter (folders by their English title; shown translated). */
const FOLDER_OF: Record<string, string> = {
  data: 'Data', preset: 'Data', seed: 'Data', samples: 'Data', seqLen: 'Data',
  start: 'Optimisers', iterations: 'Optimisers', opt: 'Optimisers', compare: 'Optimisers', tol: 'Optimisers',
  ...Object.fromEntries(HYPER_NAMES.map((h) => [h, 'Optimisers'])),
  frame: 'Playback', speed: 'Playback', play: 'Playback',
  lrWRec: 'Optimisers',
  ...Object.fromEntries(LESSON_KEYS.map((k) => [k, LESSON_FOLDER])),
  ...Object.fromEntries(MODEL_KEYS.map((k) => [k, MODEL_FOLDER])),
  atlas: 'Atlas', atlasRes: 'Atlas', atlasRange: 'Atlas', atlasEtaRange: 'Atlas', atlasOn3d: 'Atlas',
  range: 'View', res: 'View', contours: 'View', layout: 'View', zoom: 'View', backend: 'View', cam: 'View', gui: 'View', embed: 'View', still: 'View', present: 'View', lang: 'View',
};

export class ControlPanel {
  readonly gui: GUI;
  private readonly model: Record<string, unknown>;
  private readonly folders = new Map<string, { folder: GUI; message: HTMLElement }>();
  private rows!: HTMLTextAreaElement;
  private frameCtl!: Controller;
  private playCtl!: Controller;
  private resCtl!: Controller;
  private zoomCtl!: Controller;
  private readonly hyperCtls = new Map<HyperName, Controller>();
  private compare!: CompareEditor;
  private lesson!: LessonFolder;
  private modelFolder!: ModelFolder;
  private lrWRecCtl!: Controller;
  /** the learning-rate window derived from the start while atlasRange is not set (shown in its fields) */
  private derivedAtlasRange: readonly number[] | null = null;
  private randomCtls: Controller[] = [];
  private readonly randomNote = el('div', { class: 'gui-note', id: 'random-note' });
  /** one or two sentences on the sign-based rule, shown with the Rprop family's controls */
  private readonly rpropNote = el('div', { class: 'gui-note', id: 'rprop-note' });

  constructor(root: HTMLElement, p: Params, onChange: Change, actions: PanelActions) {
    this.gui = new GUI({ container: root, title: t('RNN Lab: controls'), width: PANEL_WIDTH });
    this.gui.domElement.id = 'gui';
    this.model = {
      preset: p.preset, seed: p.seed, samples: p.samples, seqLen: p.seqLen,
      startWx: p.start[0], startWRec: p.start[1], iterations: p.iterations, opt: p.opt, tol: p.tol, scene: '',
      ...Object.fromEntries(HYPER_NAMES.map((h) => [h, p[h]])),
      atlas: p.atlas, atlasRes: p.atlasRes, atlasOn3d: p.atlasOn3d,
      ...atlasRangeModel(p),
      lrWRec: lrWRecText(p.lrWRec),
      atlasRangeFromStart: () => onChange({ atlasRange: null }),
      play: actions.play, stepBack: () => actions.step(-1), stepForward: () => actions.step(1), restart: actions.restart,
      frame: 0, speed: p.speed,
      wxMin: p.range[0], wxMax: p.range[1], wRecMin: p.range[2], wRecMax: p.range[3], res: p.res,
      contours: p.contours, layout: p.layout, zoom: p.zoom, backend: p.backend, copyLink: actions.copyLink,
      copyStillLink: actions.copyStillLink, still: p.still, present: p.present, lang: p.lang,
    };
    const m = this.model;
    const folder = (name: string) => {
      const f = this.gui.addFolder(t(name));
      const message = el('div', { class: 'gui-message', hidden: '' });
      f.$children.prepend(message);
      this.folders.set(name, { folder: f, message });
      return f;
    };
    const data = this.buildData(folder, onChange);
    this.gui
      .add(m, 'scene', Object.fromEntries([[t('(choose a lesson)'), ''], ...SCENES.map((sc) => [t(sc.name), sc.id])]))
      .name(t('scene'))
      .onChange((id: string) => id && actions.scene(id))
      .domElement.classList.add('scene-menu'); // a wide menu: the scenes' full names
    const resetModel = { resetAll: actions.resetAll };
    this.gui.add(resetModel, 'resetAll').name(t('↺ reset all (every setting to its default)'));
    this.gui.$children.append(tutorialLink());
    this.buildOptimisers(folder, p, onChange);
    this.buildAtlas(folder, onChange);
    this.lesson = buildLessonFolder(folder, p, onChange);
    const play = this.buildPlayback(folder, p, onChange);
    const view = this.buildView(folder, p, onChange);
    // last, closed: the tutorial's panel is as before; the scenes switch models too
    this.modelFolder = buildModelFolder(folder, p, onChange, data, this.gui);
    this.modelFolder.folder.close();
    // Closed by default so that the surface stays visible; messages open their folder.
    data.close();
    play.close();
    view.close();
  }

  // --- the folders, in the panel's order -------------------------------------------------------

  /** Data: the preset, the random preset's settings and the rows editor. */
  private buildData(folder: FolderMaker, onChange: Change): GUI {
    const m = this.model;
    const data = folder(N_('Data'));
    // preset shows 'custom' while typed rows are in use; seed, samples and seqLen belong to the
    // random preset: they are greyed out otherwise, and editing them never switches the preset.
    data
      .add(m, 'preset', { [t('tutorial')]: 'tutorial', [t('random')]: 'random', [t('custom (the rows below)')]: 'custom' })
      .name(t('preset'))
      .onChange((v: string) => onChange(v === 'custom' ? { data: this.rows.value } : presetChange(v)));
    data.$children.append(this.randomNote);
    this.randomCtls = [
      // no slider (a seed names a data set, it measures nothing): the field takes what the URL
      // takes, PARAM_SPEC's whole numbers, and normalizeParams clamps beyond them with the URL's message
      numberInput(data.add(m, 'seed').min(SEED_SPEC.min).step(1).name(t('seed (random preset)')), (v) => onChange({ seed: v })),
      numberInput(data.add(m, 'samples', 1, MAX_SAMPLES, 1).name(t('samples (random preset)')), (v) => onChange({ samples: v })),
      numberInput(data.add(m, 'seqLen', 1, MAX_SEQ_LEN, 1).name(t('seqLen (random preset)')), (v) => onChange({ seqLen: v })),
    ];
    this.rows = el('textarea', { id: 'rows', rows: '5', spellcheck: 'false', 'aria-label': t('data rows, one sequence of 0 and 1 per line') }) as HTMLTextAreaElement;
    const apply = el('button', { type: 'button', id: 'rows-apply' }, t('Use these rows'));
    apply.addEventListener('click', () => onChange({ data: this.rows.value }));
    const reset = el('button', { type: 'button', id: 'rows-reset' }, t('Back to the preset'));
    reset.addEventListener('click', () => onChange({ data: '' }));
    data.$children.append(el('div', { class: 'rows-editor' }, el('label', { for: 'rows' }, t('rows (edit or paste, one per line):')), this.rows, el('div', {}, apply, reset)));
    return data;
  }

  /** Optimisers: the start, the optimiser, the hyperparameters it uses, iterations, tol, compared runs. */
  private buildOptimisers(folder: FolderMaker, p: Params, onChange: Change): void {
    const m = this.model;
    const opt = folder(N_('Optimisers'));
    numberInput(opt.add(m, 'startWx', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.01).name(t('start wx')), (v) => onChange({ start: [v, m.startWRec] }));
    numberInput(opt.add(m, 'startWRec', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.01).name(t('start wRec')), (v) => onChange({ start: [m.startWx, v] }));
    opt.add(m, 'opt', [...OPTIMISERS]).name(t('optimiser')).onChange((v: string) => onChange({ opt: v }));
    opt.$children.append(this.rpropNote);
    for (const h of HYPER_NAMES) {
      const [lo, hi] = HYPER_LIMITS[h];
      // Sliders over a sane teaching range; any value in the limits can be typed.
      const top = Math.min(hi, h === 'deltaMax' ? 100 : h === 'clip' ? 100 : h === 'etaPlus' ? 3 : h === 'lr' ? 1 : h === 'delta0' ? 1 : hi);
      const ctl = numberInput(opt.add(m, h, lo, top).name(t(HYPER_LABELS[h])), (v) => onChange({ [h]: v }), true);
      if (HYPER_HELP[h]) ctl.domElement.title = t(HYPER_HELP[h]!);
      this.hyperCtls.set(h, ctl);
      if (h === 'lr') {
        // the learning rate of wRec: empty = the same as lr (a text field: "empty" is a value)
        this.lrWRecCtl = opt
          .add(m, 'lrWRec')
          .name(t("lrWRec (wRec's rate; empty: = lr)"))
          .onFinishChange((v: string) => onChange({ lrWRec: String(v).trim() === '' ? null : String(v).trim() }));
        this.lrWRecCtl.domElement.title = t('lrWRec: the learning rate of wRec for sgd, momentum, clip and adam; lr is then the learning rate of wx. Empty: both weights use lr.');
      }
    }
    numberInput(opt.add(m, 'iterations', 0, MAX_ITERATIONS, 1).name(t('iterations')), (v) => onChange({ iterations: v }));
    numberInput(opt.add(m, 'tol', 1e-9, 1).name(t('converged below')), (v) => onChange({ tol: v }), true);
    this.compare = new CompareEditor(opt.addFolder(t('Compared runs (up to 5)')), onChange, () => String(this.model.opt));
    this.compare.show(p.compare);
  }

  /** Atlas: the mode, the cells, the drape and the two windows (learning rates; etas). */
  private buildAtlas(folder: FolderMaker, onChange: Change): void {
    const m = this.model;
    const atlas = folder(N_('Atlas'));
    const atlasRange = () => [m.atlasXMin, m.atlasXMax, m.atlasYMin, m.atlasYMax];
    const atlasEtaRange = () => [m.atlasEtaPlusMin, m.atlasEtaPlusMax, m.atlasEtaMinusMin, m.atlasEtaMinusMax];
    atlas
      .add(m, 'atlas', { [t('off')]: 'off', [t('every start (range)')]: 'starts', [t('hyperparameters (atlasRange)')]: 'lr' })
      .name(t('train from'))
      .onChange((v: string) => onChange({ atlas: v }));
    atlas.add(m, 'atlasRes', [16, 32, 64, 128, 256, 512, 1024]).name(t('cells / side')).onChange((v: string | number) => onChange({ atlasRes: Number(v) }));
    atlas.add(m, 'atlasOn3d').name(t('colour the 3D surface')).onChange((v: boolean) => onChange({ atlasOn3d: v }));
    // learning-rate maps: log10 of the rates (atlasRange); empty in the URL = from the start
    for (const [key, name] of [['atlasXMin', N_('log10 lr of wx, min')], ['atlasXMax', N_('log10 lr of wx, max')], ['atlasYMin', N_('log10 lr of wRec, min')], ['atlasYMax', N_('log10 lr of wRec, max')]] as const)
      atlas.add(m, key).name(t(name)).onFinishChange(() => onChange({ atlasRange: atlasRange() }));
    atlas.add(m, 'atlasRangeFromStart').name(t('↺ lr window: 2/sharpness at the start'));
    // Rprop-family maps: the etas (atlasEtaRange)
    for (const [key, name] of [['atlasEtaPlusMin', N_('etaPlus min')], ['atlasEtaPlusMax', N_('etaPlus max')], ['atlasEtaMinusMin', N_('etaMinus min')], ['atlasEtaMinusMax', N_('etaMinus max')]] as const)
      atlas.add(m, key).name(t(name)).onFinishChange(() => onChange({ atlasEtaRange: atlasEtaRange() }));
    atlas.close();
  }

  /** Playback: play, step, restart, the iteration and the speed. */
  private buildPlayback(folder: FolderMaker, p: Params, onChange: Change): GUI {
    const m = this.model;
    const play = folder(N_('Playback'));
    this.playCtl = play.add(m, 'play').name(t('play / pause (space)'));
    play.add(m, 'stepBack').name(t('◀ step back (←)'));
    play.add(m, 'stepForward').name(t('▶ step (→)'));
    play.add(m, 'restart').name(t('↺ restart (R)'));
    this.frameCtl = play.add(m, 'frame', 0, p.iterations, 1).name(t('iteration')).onChange((v: number) => onChange({ play: false, frame: v }));
    numberInput(play.add(m, 'speed', 1, 500, 1).name(t('speed (it./s)')), (v) => onChange({ speed: v }));
    return play;
  }

  /** View: the range, resolution, contours, layout, zoom, backend, links, modes and language. */
  private buildView(folder: FolderMaker, p: Params, onChange: Change): GUI {
    const m = this.model;
    const range = (typed: Record<string, number> = {}) => [m.wxMin, m.wxMax, m.wRecMin, m.wRecMax].map((v, i) => typed[['wxMin', 'wxMax', 'wRecMin', 'wRecMax'][i]] ?? v);
    const view = folder(N_('View'));
    numberInput(view.add(m, 'wxMin', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.1).name(t('wx min')), (v) => onChange({ range: range({ wxMin: v }) }), true);
    numberInput(view.add(m, 'wxMax', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.1).name(t('wx max')), (v) => onChange({ range: range({ wxMax: v }) }), true);
    numberInput(view.add(m, 'wRecMin', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.1).name(t('wRec min')), (v) => onChange({ range: range({ wRecMin: v }) }), true);
    numberInput(view.add(m, 'wRecMax', -WEIGHT_SLIDER, WEIGHT_SLIDER, 0.1).name(t('wRec max')), (v) => onChange({ range: range({ wRecMax: v }) }), true);
    this.resCtl = view.add(m, 'res', resOptions(p.res)).name(t('grid points / side')).onChange((v: string | number) => onChange({ res: Number(v) }));
    view.add(m, 'contours').name(t('contour lines')).onChange((v: boolean) => onChange({ contours: v }));
    view.add(m, 'layout', { [t('3D + 2D')]: 'both', [t('3D only')]: '3d', [t('2D only')]: '2d' }).name(t('layout')).onChange((v: string) => onChange({ layout: v }));
    this.zoomCtl = view.add(m, 'zoom', zoomOptions(p)).name(t('2D panel')).onChange((v: string) => onChange({ zoom: v }));
    view.add(m, 'backend', { [t('auto (WebGPU if any)')]: 'auto', WebGPU: 'webgpu', CPU: 'cpu' }).name(t('compute')).onChange((v: string) => onChange({ backend: v }));
    view.add(m, 'copyLink').name(t('copy link to this view'));
    view.add(m, 'copyStillLink').name(t('copy still link (one frame, for slides)'));
    view.add(m, 'present').name(t('presentation mode (P)')).onChange((v: boolean) => onChange({ present: v }));
    view.add(m, 'still').name(t('still mode (no animation)')).onChange((v: boolean) => onChange({ still: v }));
    // Choosing a language reloads the page in it (the URL keeps it). The names are in the page's
    // own language and script, so that their glyphs come from the bundled fonts.
    const languages = { English: 'en', [t('Chinese (Simplified)')]: 'zh', [t('Chinese (Traditional)')]: 'zh-Hant' };
    view.add(m, 'lang', languages).name(t('language')).onChange((v: string) => onChange({ lang: v }));
    return view;
  }

  /** Shows params in the controls without firing their onChange. */
  sync(p: Params): void {
    Object.assign(this.model, {
      preset: p.data ? 'custom' : p.preset, seed: p.seed, samples: p.samples, seqLen: p.seqLen,
      startWx: p.start[0], startWRec: p.start[1], iterations: p.iterations, opt: p.opt, tol: p.tol,
      ...Object.fromEntries(HYPER_NAMES.map((h) => [h, p[h]])),
      atlas: p.atlas, atlasRes: p.atlasRes, atlasOn3d: p.atlasOn3d,
      ...atlasRangeModel(p, this.derivedAtlasRange),
      lrWRec: lrWRecText(p.lrWRec),
      speed: p.speed, wxMin: p.range[0], wxMax: p.range[1], wRecMin: p.range[2], wRecMax: p.range[3], res: p.res,
      contours: p.contours, layout: p.layout, zoom: p.zoom, backend: p.backend, still: p.still, present: p.present, lang: p.lang,
      // a scene's settings name it in the menu (a scene's URL opens with its name shown)
      scene: sceneOf(p),
    });
    if (!resOptions(p.res).includes(p.res)) this.resCtl.options(resOptions(p.res));
    this.zoomCtl.options(zoomOptions(p)); // named after the model's window
    this.frameCtl.max(p.iterations);
    this.playCtl.name(p.play ? t('⏸ pause (space)') : t('▶ play (space)'));
    const random = p.preset === 'random' && !p.data;
    for (const c of this.randomCtls) c.enable(random);
    this.randomNote.textContent = random
      ? t('seed, samples and seqLen make the random data set.')
      : p.data
        ? t('Custom rows are in use: seed, samples and seqLen do not apply ("Back to the preset" below).')
        : t('seed, samples and seqLen belong to the random preset: choose it to set them.');
    const used = new Set(HYPER_USED[p.opt]);
    // The tutorial's rule compares with the previous sign, 0 at the start: Δ shrinks before step 1.
    this.hyperCtls.get('delta0')!.name(p.opt === 'rprop' ? t('Δ0 (×η− before step 1)') : t(HYPER_LABELS.delta0));
    this.rpropNote.hidden = !isRpropFamily(p.opt);
    this.rpropNote.textContent = rpropNote(p);
    for (const [h, c] of this.hyperCtls) c.show(used.has(h));
    this.lrWRecCtl.show(used.has('lr'));
    this.compare.show(p.compare);
    this.lesson.sync(p);
    this.modelFolder.sync(p);
    for (const c of this.gui.controllersRecursive()) if (c !== this.frameCtl) c.updateDisplay();
  }

  showFrame(k: number, last: number): void {
    if (this.model.frame === k) return;
    this.model.frame = k;
    this.frameCtl.max(last);
    this.frameCtl.updateDisplay();
  }

  /** The preset's rows in the editor, unless the user is typing there. */
  showRows(text: string): void {
    if (document.activeElement !== this.rows) this.rows.value = text;
  }

  /** Each message next to the controls it is about ("key: ..."). */
  showMessages(messages: string[]): void {
    const rest = this.compare.showMessages(messages);
    for (const [name, { message }] of this.folders) {
      const mine = rest.filter((m) => FOLDER_OF[m.split(':')[0]] === name);
      message.replaceChildren(...mine.map((m) => el('p', {}, m)));
      message.hidden = mine.length === 0;
      if (mine.length || (name === 'Optimisers' && rest.length < messages.length)) this.folders.get(name)!.folder.open();
    }
  }

  /** The learning-rate window in use while atlasRange is not set (derived from the start), shown in its fields. */
  showDerivedAtlasRange(p: Params, range: readonly number[] | null): void {
    this.derivedAtlasRange = range;
    if (p.atlasRange) return;
    Object.assign(this.model, atlasRangeModel(p, range));
    for (const c of this.gui.controllersRecursive()) if (String(c.property).startsWith('atlas')) c.updateDisplay();
  }

  /** presentation mode: a wider panel (the CSS sets its text at projector size) */
  setPresent(on: boolean): void {
    this.gui.domElement.style.setProperty('--width', on ? `${PANEL_WIDTH_PRESENT}px` : `${PANEL_WIDTH}px`);
  }

  setVisible(visible: boolean): void {
    this.gui.show(visible);
  }
}

/** The atlas window fields: atlasRange (or the derived window while it is not set) and atlasEtaRange. */
function atlasRangeModel(p: Params, derived: readonly number[] | null = null): Record<string, number> {
  const r = p.atlasRange ?? derived ?? [NaN, NaN, NaN, NaN];
  const e = p.atlasEtaRange;
  return {
    atlasXMin: r[0], atlasXMax: r[1], atlasYMin: r[2], atlasYMax: r[3],
    atlasEtaPlusMin: e[0], atlasEtaPlusMax: e[1], atlasEtaMinusMin: e[2], atlasEtaMinusMax: e[3],
  };
}

const lrWRecText = (v: number | null): string => (v === null ? '' : String(v));

const PANEL_WIDTH = 300;
const PANEL_WIDTH_PRESENT = 480;

export const TUTORIAL_URL = 'https://peterroelants.github.io/posts/rnn-implementation-part01/';

/** A link to the tutorial this app follows (opens in a new tab). */
export function tutorialLink(): HTMLElement {
  const a = el('a', { href: TUTORIAL_URL, target: '_blank', rel: 'noopener noreferrer', class: 'tutorial-link' }, t('How to implement a recurrent neural network, part 1'));
  return el('div', { class: 'gui-note tutorial' }, t('The original tutorial: Peter Roelants, '), a);
}

/** Choosing a preset: typed rows go, and so do the random preset's settings when they no longer apply. */
export function presetChange(preset: string): Partial<Record<keyof Params, unknown>> {
  if (preset === 'random') return { preset, data: '' };
  return { preset, data: '', seed: DEFAULT_PARAMS.seed, samples: DEFAULT_PARAMS.samples, seqLen: DEFAULT_PARAMS.seqLen };
}

/**
 * A number field whose typed value reaches the parameters as typed: lil-gui clamps to the
 * slider's ends without a word, so a value typed beyond them is passed on as it was, and
 * normalizeParams clamps it with the same message as the URL gives.
 */
export function numberInput(ctl: Controller, change: (v: number) => void, finish = false): Controller {
  const c = ctl as Controller & { $input?: HTMLInputElement; _min?: number; _max?: number };
  const input = c.$input;
  let typed: number | null = null;
  if (input) {
    // capture: runs before lil-gui's own listener on the same element
    input.addEventListener('input', () => {
      const t = input.value.trim();
      typed = t !== '' && Number.isFinite(Number(t)) ? Number(t) : null;
    }, { capture: true });
    input.addEventListener('focus', () => (typed = null));
    // after lil-gui's own blur (which calls onFinishChange): a later slider drag is not a typed value
    input.addEventListener('blur', () => (typed = null));
  }
  const pass = (v: number) => {
    const t = typed;
    if (t !== null && c._max !== undefined && t > c._max && v === c._max) return t;
    if (t !== null && c._min !== undefined && t < c._min && v === c._min) return t;
    return v;
  };
  if (finish) ctl.onFinishChange((v: number) => change(pass(v)));
  else ctl.onChange((v: number) => change(pass(v)));
  return ctl;
}

const SEED_SPEC = PARAM_SPEC.seed as { min: number; max: number };

function resOptions(current: number): number[] {
  const base = [32, 64, 128, 256, 512, 1024, MAX_RES];
  return base.includes(current) ? base : [...base, current].sort((a, b) => a - b);
}
