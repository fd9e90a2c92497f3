/**
 * The store: the one place the parameters live and the only way they change. `set(partial)`
 * normalizes against the current values, returns the keys that changed and the messages, and
 * writes the URL; the GUI, keyboard, pointer, scripts, the end of playback and the camera all
 * come through it. No views; the URL is written through the writer it is given.
 */
import { DEFAULT_PARAMS, ENGINE_KEYS, PARAM_KEYS, type Params, type RawParams } from './schema';
import { normalizeParams, unusedModelNotes, unusedRandomPresetNotes, withModelDefaults } from './normalize';
import { sweepRangeNotes } from './sweep';
import { paramsToQuery } from './url';

/** What one set() did. */
export interface Change {
  /** the parameters after the change (a new object; never mutated) */
  params: Params;
  /** the parameters before it */
  previous: Params;
  /** the keys whose value differs, in PARAM_KEYS order */
  changed: ReadonlySet<keyof Params>;
  /** what was refused, clamped or is not used, one per problem */
  messages: string[];
  /** whether a key that changes the computed numbers (ENGINE_KEYS) changed */
  engineChanged: boolean;
}

/** Writes a query string (without '?', '' for the defaults) into the page's URL, with the parameters it came from. */
export type UrlWriter = (query: string, params: Params) => void;

/** The parameters a URL holds: a running clock (playing, not still) is not a state worth a URL. */
export function urlState(p: Params): Params {
  return p.play && !p.still ? { ...p, frame: -1 } : { ...p };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class Store {
  private current: Params = { ...DEFAULT_PARAMS };
  private urlPending = false;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly writer: UrlWriter) {}

  get params(): Params {
    return this.current;
  }

  /**
   * The page's own query at start: read against the defaults, with the same messages as set(),
   * and the URL left as it is (it already says this).
   */
  load(raw: RawParams): Change {
    return this.apply(raw, DEFAULT_PARAMS as Params);
  }

  /**
   * The only way a parameter changes. The URL is written by a timer (history.replaceState can
   * take tens of ms on a busy machine, so it runs while the engine computes), at the latest on
   * flushUrl() or the next writeUrl().
   */
  set(raw: RawParams): Change {
    const change = this.apply(raw, this.current);
    this.urlPending = true;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.flushUrl(), 0);
    return change;
  }

  /** Writes the URL now if a set() left it to be written. */
  flushUrl(): void {
    clearTimeout(this.urlTimer);
    if (!this.urlPending) return;
    this.writeUrl();
  }

  /** Writes the URL now. */
  writeUrl(): void {
    clearTimeout(this.urlTimer);
    this.urlPending = false;
    const p = urlState(this.current);
    this.writer(paramsToQuery(p), p);
  }

  private apply(raw: RawParams, base: Params): Change {
    const normalized = normalizeParams(raw, base);
    const params = withModelDefaults(raw, normalized.params, base);
    const messages = [...normalized.messages, ...unusedRandomPresetNotes(raw, params), ...unusedModelNotes(raw, params), ...sweepRangeNotes(raw, params)];
    const previous = this.current;
    this.current = params;
    const changed = new Set(PARAM_KEYS.filter((k) => !sameValue(previous[k], params[k])));
    return { params, previous, changed, messages, engineChanged: ENGINE_KEYS.some((k) => changed.has(k)) };
  }
}
