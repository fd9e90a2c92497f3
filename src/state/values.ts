/**
 * Reading one raw value, never throwing: strings from a URL or anything from a script, and the
 * messages that say what was refused or clamped. Echoes of user input in messages are cut to
 * ECHO_MAX characters, so a 10^5-character value never lands whole in the page.
 */
import { isOptimiser, type OptimiserName } from '../model/optimiserSpec';
import { t } from '../i18n';
import { ECHO_MAX, type ParamSpec } from './schema';

/** At most this many messages about one key (compare runs) or about unknown keys; the rest are counted. */
const MAX_MESSAGES_PER_KEY = 5;

/** String(v), for any v (symbols, objects without a prototype, throwing toString included). */
export function safeString(v: unknown): string {
  try {
    return typeof v === 'symbol' ? v.toString() : String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return '[value]';
    }
  }
}

/** User input for a message: quoted, control characters made visible, cut to ECHO_MAX characters. */
export function echo(v: unknown): string {
  const s = safeString(v);
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n === ECHO_MAX) return `"${out}…"`;
    out += /[\u0000-\u001f\u007f-\u009f]/.test(ch) ? '\ufffd' : ch;
    n++;
  }
  return `"${out}"`;
}

/** A number from a typed number or a numeric string; anything else (booleans, objects, '', '  ') is NaN. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return NaN;
}

export function toNumberList(v: unknown, count: number): number[] | null {
  let list: number[];
  if (Array.isArray(v)) list = v.map(toNumber);
  else if (typeof v === 'string') {
    // a count+1-th comma already means a wrong count: do not split a huge string further
    const parts = v.split(',', count + 1);
    list = parts.map(toNumber);
  } else return null;
  if (list.length !== count || list.some((x) => !Number.isFinite(x))) return null;
  return list.map((x) => x + 0); // no -0
}

export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;
export type Checked = { value: number; message: string | null } | { value: null; message: string };

/**
 * One number against its limits: refused (not a number, or on the wrong side of an excluded
 * bound) or clamped (outside an included bound, or rounded to a whole number), with a message.
 */
export function checkNumber(label: string, raw: unknown, s: NumberSpec, kept: string): Checked {
  const v = toNumber(raw);
  if (!Number.isFinite(v)) return { value: null, message: t('{label}: {value} is not a number; kept {kept}', { label, value: echo(raw), kept }) };
  const range = `${s.minExclusive ? '>' : ''}${s.min} .. ${s.maxExclusive ? '<' : ''}${s.max}`;
  const allowed = s.integer ? t('allowed {range}, whole numbers', { range }) : t('allowed {range}', { range });
  if (s.minExclusive && v <= s.min) return { value: null, message: t('{label}: {value} must be greater than {min}; kept {kept}', { label, value: v, min: s.min, kept }) };
  if (s.maxExclusive && v >= s.max) return { value: null, message: t('{label}: {value} must be below {max}; kept {kept}', { label, value: v, max: s.max, kept }) };
  let c = s.integer ? Math.round(v) : v;
  c = Math.min(s.max, Math.max(s.min, c)) + 0;
  if (c !== v) return { value: c, message: t('{label}: {value} clamped to {clamped} ({allowed})', { label, value: v, clamped: c, allowed }) };
  return { value: c, message: null };
}

/** An optimiser name; "rprop+" typed into a URL arrives as "rprop " (a '+' is a space in a query) and is read as meant. */
export function readOptimiser(v: unknown): OptimiserName | null {
  if (isOptimiser(v)) return v;
  if (typeof v === 'string' && / $/.test(v)) {
    const plus = `${v.slice(0, -1)}+`;
    if (isOptimiser(plus)) return plus;
  }
  return null;
}

/** Keeps the first `max` messages and counts the rest in one more. */
export function capMessages(list: string[], what: string): string[] {
  if (list.length <= MAX_MESSAGES_PER_KEY) return list;
  return [...list.slice(0, MAX_MESSAGES_PER_KEY), t('{what}: {count} more problems not listed', { what, count: list.length - MAX_MESSAGES_PER_KEY })];
}
