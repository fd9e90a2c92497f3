/**
 * The sweep's numbers as files (pure): CSV with one row per run and swept value, and JSON with
 * the arrays as rnnlab.sweep() gives them. Non-finite costs (overflow) are written as "inf" in
 * CSV and null in JSON (JSON has no Infinity).
 */
import type { Sweep } from '../model/lesson/sweep';

const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan');

/** lr: run, opt, param, value, finalCost, convergedAt, divergedAt, limit; seqLen: run, opt, length, converged, diverged. */
export function sweepToCsv(s: Sweep): string {
  const lines: string[] = [];
  if (s.kind === 'lr') {
    lines.push('run,opt,param,value,finalCost,convergedAt,divergedAt,limit');
    s.runs.forEach((r, i) =>
      s.x.forEach((v, j) => lines.push([i, r.opt, r.param, num(v), num(r.finalCost[j]), r.convergedAt[j], r.divergedAt[j], r.limit === null ? '' : num(r.limit)].join(','))),
    );
  } else {
    lines.push('run,opt,length,converged,diverged');
    s.runs.forEach((r, i) => s.x.forEach((v, j) => lines.push([i, r.opt, v, num(r.converged[j]), num(r.diverged[j])].join(','))));
  }
  return lines.join('\n') + '\n';
}

/** {kind, x, runs: [{opt, hyper, ...}], ...meta}, typed arrays as plain arrays, main run first. */
export function sweepToJson(s: Sweep, meta: Record<string, unknown> = {}): string {
  const plain = (v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isFinite(x) ? x : null)) : v);
  const runs = (s.runs as object[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  return JSON.stringify({ ...meta, kind: s.kind, x: Array.from(s.x), runs }, null, 1);
}
