/** The URL's query: the parameters that differ from the defaults, in PARAM_KEYS order; and back. */
import { DEFAULT_PARAMS, PARAM_KEYS, type CompareRun, type Params } from './schema';
import { formatCompare } from './compare';
import { modelOf } from '../model/models';

/** A key's default where it depends on the model: range, start and cam are the model's own. */
function defaultOf(p: Params, key: keyof Params): Params[keyof Params] {
  if (key === 'range') return [...modelOf(p.model).defaultRange] as Params['range'];
  if (key === 'start') return [...modelOf(p.model).defaultStart] as Params['start'];
  if (key === 'cam') return [...modelOf(p.model).defaultCamera] as Params['cam'];
  return DEFAULT_PARAMS[key];
}

/** The URL form of one value. */
export function formatValue(v: Params[keyof Params]): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object') ? formatCompare(v as CompareRun[]) : v.join(',');
  return String(v);
}

/** The query string for params: only values that differ from the defaults (range and start: the model's), in a fixed order. */
export function paramsToQuery(p: Params): string {
  const q = new URLSearchParams();
  for (const key of PARAM_KEYS) {
    const v = formatValue(p[key]);
    if (v !== formatValue(defaultOf(p, key))) q.set(key, v);
  }
  // ',' ';' '=' are safe inside a query value and easier to read unescaped
  return q.toString().replace(/%2C/gi, ',').replace(/%3B/gi, ';').replace(/%3D/gi, '=');
}

/** A query string ("?a=1&b=2" or "a=1&b=2") as raw values for normalizeParams; the last of a repeated key wins. */
export function queryToRaw(search: string): Record<string, string> {
  const raw: Record<string, string> = {};
  new URLSearchParams(search).forEach((v, k) => (raw[k] = v));
  return raw;
}
