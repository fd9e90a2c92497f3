/** The sweep's files (issue 19, Save menu): one CSV row per run and value, JSON as rnnlab.sweep() gives it. */
import { describe, expect, it } from 'vitest';
import { sweepToCsv, sweepToJson } from '../../../src/export/sweepFiles';
import { dataFile } from '../../../src/export/files';
import type { Sweep } from '../../../src/model/lesson/sweep';
import { HYPER_DEFAULTS } from '../../../src/model/optimiserSpec';

const lr: Sweep = {
  kind: 'lr',
  x: new Float64Array([1e-8, 1e-4]),
  runs: [
    { opt: 'sgd', hyper: { ...HYPER_DEFAULTS, lrWRec: null }, param: 'lr', finalCost: new Float64Array([2.5, Infinity]), convergedAt: new Int32Array([-1, -1]), divergedAt: new Int32Array([-1, 2]), limit: 5.1e-8 },
    { opt: 'rprop', hyper: { ...HYPER_DEFAULTS, lrWRec: null }, param: 'delta0', finalCost: new Float64Array([1e-6, 2e-6]), convergedAt: new Int32Array([80, 60]), divergedAt: new Int32Array([-1, -1]), limit: null },
  ],
};

describe('sweep files', () => {
  it('lr sweep CSV: a header, one row per run and value, overflow as inf, no limit empty', () => {
    const rows = sweepToCsv(lr).trim().split('\n');
    expect(rows[0]).toBe('run,opt,param,value,finalCost,convergedAt,divergedAt,limit');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toBe('0,sgd,lr,0.0001,inf,-1,2,5.1e-8');
    expect(rows[3]).toBe('1,rprop,delta0,1e-8,0.000001,80,-1,');
  });

  it('seqLen sweep CSV: shares per length', () => {
    const s: Sweep = { kind: 'seqLen', x: new Float64Array([2, 3]), runs: [{ opt: 'sgd', hyper: { ...HYPER_DEFAULTS, lrWRec: null }, converged: new Float64Array([0.5, 0.25]), diverged: new Float64Array([0, 0.125]) }] };
    expect(sweepToCsv(s)).toBe('run,opt,length,converged,diverged\n0,sgd,2,0.5,0\n0,sgd,3,0.25,0.125\n');
  });

  it('JSON: plain arrays, overflow as null, the metadata kept', () => {
    const j = JSON.parse(sweepToJson(lr, { dataset: 'tutorial' }));
    expect(j.kind).toBe('lr');
    expect(j.dataset).toBe('tutorial');
    expect(j.x).toEqual([1e-8, 1e-4]);
    expect(j.runs[0].finalCost).toEqual([2.5, null]);
    expect(j.runs[0].divergedAt).toEqual([-1, 2]);
    expect(j.runs[1].limit).toBeNull();
  });

  it('the Save menu asks for a sweep: an error without one', () => {
    expect(() => dataFile('sweep-csv', {} as never, null)).toThrow(/no sweep/);
  });
});
