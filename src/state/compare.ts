/**
 * The compare mini-language: up to MAX_COMPARE extra runs from the same start, each an optimiser
 * and the hyperparameters it sets differently, e.g. "sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam"
 * (URL) or [{opt, overrides}] (a script). Parsing, validating and formatting; no DOM.
 */
import { HYPER_NAMES, HYPER_USED, OPTIMISERS, usesLrWRec, type HyperName, type OptimiserName, type RunHyper } from '../model/optimiserSpec';
import { t } from '../i18n';
import { MAX_COMPARE, hyperSpec, type CompareRun } from './schema';
import { capMessages, checkNumber, echo, readOptimiser, safeString, type NumberSpec } from './values';

interface RunDraft {
  /** 1-based position in the input, for messages */
  index: number;
  opt: unknown;
  /** [name, value] in the order given */
  overrides: [unknown, unknown][];
  /** tokens that are not name=value (the string form) */
  malformed: string[];
  /** the run as given, for messages */
  text: unknown;
}

/** What a compare value is read against: the shared hyperparameters, and the runs it replaces. */
export interface CompareContext {
  /** the shared values a run without an override uses (named in the messages) */
  shared?: Readonly<RunHyper>;
  /**
   * the runs before this edit, by position: a run given with a bad optimiser, a bad value or an
   * unusable override keeps the run at its position as it was (the panel never loses a run to a
   * typo); without one (a URL) a bad run is refused and a bad override dropped.
   */
  previous?: readonly CompareRun[];
}

/** "rprop+" in a URL arrives as "rprop " (a '+' is a space in a query): read it as meant; other spaces around the name do not matter. */
function readRunOptimiser(v: unknown): OptimiserName | null {
  if (typeof v !== 'string') return readOptimiser(v);
  return readOptimiser(v.trimStart()) ?? readOptimiser(v.trim());
}

/** One run, or null (refused); its problems go to notes. */
function validateRun(d: RunDraft, ctx: CompareContext, notes: string[]): CompareRun | null {
  const label = `compare: ${t('run {index}', { index: d.index })}`;
  const prev = ctx.previous?.[d.index - 1];
  // the last good run at this position, if any: kept whole when this one has a problem
  const kept = prev ? echo(formatCompare([prev])) : null;
  const opt = readRunOptimiser(d.opt);
  if (!opt) {
    notes.push(
      kept === null
        ? t('{label} {run}: {value} is not an optimiser (one of {names}); run refused', { label, run: echo(d.text), value: echo(d.opt), names: OPTIMISERS.join(', ') })
        : t('{label} {run}: {value} is not an optimiser (one of {names}); kept the run as it was: {kept}', { label, run: echo(d.text), value: echo(d.opt), names: OPTIMISERS.join(', '), kept }),
    );
    return prev ? copyRuns([prev])[0] : null;
  }
  let bad = 0;
  const problem = (message: string) => {
    bad++;
    notes.push(message);
  };
  for (const token of d.malformed)
    problem(
      kept === null
        ? `compare: ${t('run {index}: {value} is not name=value; ignored', { index: d.index, value: echo(token) })}`
        : t('{label} ({opt}): {value} is not name=value; kept the run as it was: {kept}', { label, opt, value: echo(token), kept }),
    );
  const overrides: Partial<RunHyper> = {};
  for (const [name, value] of d.overrides) {
    const hyper = typeof name === 'string' ? name.trim() : name;
    if (typeof hyper !== 'string' || !(RUN_HYPER_NAMES as string[]).includes(hyper)) {
      problem(
        kept === null
          ? t('{label} ({opt}): {value} is not a hyperparameter (one of {names}); ignored', { label, opt, value: echo(hyper), names: RUN_HYPER_NAMES.join(', ') })
          : t('{label} ({opt}): {value} is not a hyperparameter (one of {names}); kept the run as it was: {kept}', { label, opt, value: echo(hyper), names: RUN_HYPER_NAMES.join(', '), kept }),
      );
      continue;
    }
    const h = hyper as RunHyperName;
    if (!runHyperUsed(opt).includes(h)) {
      problem(
        kept === null
          ? t('{label} ({opt}): {name} is not used by {opt} (it uses {names}); ignored', { label, opt, name: h, names: runHyperUsed(opt).join(', ') })
          : t('{label} ({opt}): {name} is not used by {opt} (it uses {names}); kept the run as it was: {kept}', { label, opt, name: h, names: runHyperUsed(opt).join(', '), kept }),
      );
      continue;
    }
    // a refused value: the run as it was, or (a URL) the shared value, named
    const instead = kept !== null ? t('the run as it was: {kept}', { kept }) : ctx.shared ? t('the shared value {name} = {value}', { name: h, value: ctx.shared[h] ?? `lr (${ctx.shared.lr})` }) : t('the shared value');
    const c = checkNumber(`${label} (${opt}) ${h}`, value, runHyperSpec(h), instead);
    if (c.value === null) problem(c.message);
    else {
      if (c.message) notes.push(c.message); // clamped into its limits, said
      overrides[h] = c.value;
    }
  }
  if (bad > 0 && prev) return copyRuns([prev])[0];
  const ordered: Partial<RunHyper> = {};
  for (const h of RUN_HYPER_NAMES) if (overrides[h] !== undefined) (ordered as Record<string, unknown>)[h] = overrides[h];
  return { opt, overrides: ordered };
}

function validateRuns(drafts: RunDraft[], notes: string[], ctx: CompareContext = {}): CompareRun[] {
  const runs: CompareRun[] = [];
  const excess: number[] = [];
  for (const d of drafts) {
    if (runs.length >= MAX_COMPARE) {
      excess.push(d.index); // refused whatever it holds
      continue;
    }
    const run = validateRun(d, ctx, notes);
    if (run) runs.push(run);
  }
  // first, so that a cap on the number of messages never hides it
  if (excess.length === 1) notes.unshift(`compare: ${t('at most {max} runs; refused run {index}', { max: MAX_COMPARE, index: excess[0] })}`);
  else if (excess.length > 1)
    notes.unshift(`compare: ${t('at most {max} runs; refused {count} runs ({first} to {last})', { max: MAX_COMPARE, count: excess.length, first: excess[0], last: excess[excess.length - 1] })}`);
  return runs;
}

/**
 * Parses the compare string: runs separated by ';', each an optimiser name followed by
 * comma-separated name=value overrides, e.g. "sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam".
 * Refused runs, hyperparameters and values get a message each (at most a few, then a count);
 * the valid runs are kept, and with ctx.previous a bad run keeps the one it replaces.
 * Empty runs (";;", a trailing ";") are skipped without a message.
 */
export function parseCompare(text: string, ctx: CompareContext = {}): { runs: CompareRun[]; messages: string[] } {
  const notes: string[] = [];
  const drafts: RunDraft[] = [];
  let index = 0;
  for (const segment of safeString(text).split(';')) {
    if (segment.trim() === '') continue;
    index++;
    const [name, ...tokens] = segment.split(',');
    const overrides: [unknown, unknown][] = [];
    const malformed: string[] = [];
    for (const token of tokens) {
      if (token.trim() === '') continue; // "sgd,,lr=1" and a trailing "," are fine
      const eq = token.indexOf('=');
      if (eq < 0) malformed.push(token.trim());
      else overrides.push([token.slice(0, eq), token.slice(eq + 1)]);
    }
    drafts.push({ index, opt: name, overrides, malformed, text: segment.trim() });
  }
  const runs = validateRuns(drafts, notes, ctx);
  return { runs, messages: capMessages(notes, 'compare') };
}

/** The URL form of compare runs (the inverse of parseCompare). */
export function formatCompare(runs: readonly CompareRun[]): string {
  return runs
    .map((r) => [r.opt, ...RUN_HYPER_NAMES.filter((h) => r.overrides[h] !== undefined && r.overrides[h] !== null).map((h) => `${h}=${r.overrides[h]}`)].join(','))
    .join(';');
}

/** compare from a URL (the string form) or a script (the string, or an array of {opt, overrides}). */
export function readCompare(v: unknown, ctx: CompareContext): { runs: CompareRun[] | null; messages: string[] } {
  if (!Array.isArray(v)) {
    if (v === null || typeof v === 'object') return { runs: null, messages: [`compare: ${t('{value} is not a list of runs; kept the current runs', { value: echo(v) })}`] };
    return parseCompare(safeString(v), ctx);
  }
  const notes: string[] = [];
  const drafts: RunDraft[] = [];
  v.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      notes.push(`compare: ${t('run {index} {value} is not {opt, overrides}; run refused', { index: i + 1, value: echo(item) })}`);
      return;
    }
    const o = item as { opt?: unknown; overrides?: unknown };
    let overrides: [unknown, unknown][] = [];
    if (o.overrides !== undefined && o.overrides !== null) {
      if (typeof o.overrides === 'object' && !Array.isArray(o.overrides)) overrides = Object.entries(o.overrides);
      else notes.push(`compare: ${t('run {index}: overrides {value} is not {name: value}; ignored', { index: i + 1, value: echo(o.overrides) })}`);
    }
    drafts.push({ index: i + 1, opt: o.opt, overrides, malformed: [], text: o.opt });
  });
  const runs = validateRuns(drafts, notes, ctx);
  return { runs, messages: capMessages(notes, 'compare') };
}

export function copyRuns(runs: readonly CompareRun[]): CompareRun[] {
  return runs.map((r) => ({ opt: r.opt, overrides: { ...r.overrides } }));
}

// --- a run's hyperparameters: SPEC's and lrWRec ----------------------------------------------

export type RunHyperName = HyperName | 'lrWRec';
/** The hyperparameters a compared run may set, in URL order: lrWRec right after lr. */
export const RUN_HYPER_NAMES: readonly RunHyperName[] = HYPER_NAMES.flatMap((h): RunHyperName[] => (h === 'lr' ? ['lr', 'lrWRec'] : [h]));

/** What opt reads: HYPER_USED, and lrWRec after lr for the optimisers with a learning rate. */
export function runHyperUsed(opt: OptimiserName): readonly RunHyperName[] {
  return usesLrWRec(opt) ? HYPER_USED[opt].flatMap((h): RunHyperName[] => (h === 'lr' ? ['lr', 'lrWRec'] : [h])) : HYPER_USED[opt];
}

function runHyperSpec(name: RunHyperName): NumberSpec {
  return hyperSpec(name === 'lrWRec' ? 'lr' : name);
}
