import { describe, expect, it } from 'vitest';
import {
  datasetLabel,
  datasetToLines,
  exportFileName,
  npyFloat32,
  runsToCsv,
  runsToJson,
  surfaceAxesJson,
  surfaceToCsv,
  surfaceToNpy,
  type ExportGrid,
  type ExportRun,
} from '../../../src/export/encode';
import { parseRows, tutorialDataset } from '../../../src/model/dataset';
import { runOptimiser } from '../../../src/model/optimisers';
import { DEFAULT_PARAMS } from '../../../src/state/schema';
import { hyperFor } from '../../../src/state/derived';
import { normalizeParams } from '../../../src/state/normalize';

/** A minimal .npy reader, written from the format's description (not from the writer). */
function readNpy(bytes: Uint8Array): { descr: string; fortran: boolean; shape: number[]; data: Float32Array; dataOffset: number } {
  expect(Array.from(bytes.subarray(0, 6))).toEqual([0x93, ...'NUMPY'.split('').map((c) => c.charCodeAt(0))]);
  expect([bytes[6], bytes[7]]).toEqual([1, 0]);
  const len = bytes[8] | (bytes[9] << 8);
  const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + len));
  expect(header.endsWith('\n')).toBe(true);
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const fortran = /'fortran_order': (True|False)/.exec(header)![1] === 'True';
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const dataOffset = 10 + len;
  const copy = bytes.slice(dataOffset);
  const data = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  return { descr, fortran, shape, data, dataOffset };
}

function splitCsv(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

const grid = (): ExportGrid => {
  const res = 5;
  const wx = new Float64Array([-3, -1.5, 0, 1.5, 3]);
  const wRec = new Float64Array([-2, -1, 0, 1, 2]);
  const cost = new Float32Array(res * res).map((_, i) => Math.fround(i * 0.1 + 1 / 3));
  cost[7] = Infinity;
  return { res, wx, wRec, cost, wxGrad: cost.map((v) => -v), wRecGrad: cost.map((v) => v / 7) };
};

function tutorialRuns(): ExportRun[] {
  const d = tutorialDataset();
  const p = normalizeParams({ compare: 'sgd,lr=0.0001;adam' }).params;
  const main = runOptimiser(d, p.opt, hyperFor(p), p.start, 60);
  const others = p.compare.map((c) => runOptimiser(d, c.opt, hyperFor(p, c), p.start, 60));
  return [main, ...others];
}

describe('runs as CSV and JSON', () => {
  it('round-trips every iterate of every run bit for bit (CSV)', () => {
    const runs = tutorialRuns();
    const rows = splitCsv(runsToCsv(runs));
    expect(rows[0]).toEqual(['run', 'opt', 'iteration', 'wx', 'wRec', 'cost', 'step_wx', 'step_wRec']);
    const body = rows.slice(1);
    expect(body.length).toBe(runs.reduce((a, r) => a + r.weights.length, 0));
    for (const line of body) {
      const r = runs[Number(line[0])];
      const k = Number(line[2]);
      expect(line[1]).toBe(r.opt);
      expect([Number(line[3]), Number(line[4])]).toEqual(r.weights[k]);
      expect(Number(line[5])).toBe(r.costs[k]);
      expect([Number(line[6]), Number(line[7])]).toEqual(r.steps[k]);
    }
  });

  it('round-trips through JSON, with the hyperparameters and the outcome', () => {
    const runs = tutorialRuns();
    const j = JSON.parse(runsToJson(runs, { start: [-1.5, 2], dataset: 'tutorial' }));
    expect(j.start).toEqual([-1.5, 2]);
    expect(j.runs.length).toBe(3);
    j.runs.forEach((jr: Record<string, unknown[]> & { opt: string; hyper: unknown; diverged: number | null }, i: number) => {
      const r = runs[i];
      expect(jr.opt).toBe(r.opt);
      expect(jr.hyper).toEqual(r.hyper);
      expect(jr.diverged).toBe(r.diverged);
      expect(jr.wx).toEqual(r.weights.map((w) => w[0]));
      expect(jr.wRec).toEqual(r.weights.map((w) => w[1]));
      expect(jr.cost).toEqual(r.costs.map((c) => (Number.isFinite(c) ? c : null))); // JSON has no Infinity
      expect(jr.stepWx).toEqual(r.steps.map((s) => s[0]));
      expect(jr.iteration).toEqual(r.weights.map((_, k) => k));
    });
  });

  it('writes an infinite cost as Infinity in CSV and null in JSON', () => {
    const run: ExportRun = { opt: 'sgd', hyper: hyperFor(DEFAULT_PARAMS), weights: [[1, 2], [3, 4]], costs: [1, Infinity], diverged: 1, steps: [[0, 0], [2, 2]] };
    const rows = splitCsv(runsToCsv([run]));
    expect(Number(rows[2][5])).toBe(Infinity);
    expect(JSON.parse(runsToJson([run], { start: [1, 2], dataset: 'x' })).runs[0].cost).toEqual([1, null]);
  });
});

describe('surface as CSV and .npy', () => {
  it('CSV: one line per grid point, rows = wRec outer, exact float32 values', () => {
    const g = grid();
    const rows = splitCsv(surfaceToCsv(g));
    expect(rows[0]).toEqual(['wx', 'wRec', 'cost', 'wxGrad', 'wRecGrad']);
    expect(rows.length).toBe(1 + 25);
    for (let i = 0; i < 25; i++) {
      const [x, y, c, gx, gy] = rows[1 + i].map(Number);
      expect(x).toBe(g.wx[i % 5]);
      expect(y).toBe(g.wRec[Math.floor(i / 5)]);
      expect(c).toBe(g.cost[i]);
      expect(gx).toBe(g.wxGrad[i]);
      expect(gy).toBe(g.wRecGrad[i]);
    }
  });

  it('.npy: a valid 1.0 header (aligned to 64), shape (3, res, res), little-endian float32 values', () => {
    const g = grid();
    const bytes = surfaceToNpy(g);
    const npy = readNpy(bytes);
    expect(npy.descr).toBe('<f4');
    expect(npy.fortran).toBe(false);
    expect(npy.shape).toEqual([3, 5, 5]);
    expect(npy.dataOffset % 64).toBe(0);
    expect(npy.data.length).toBe(75);
    expect(Array.from(npy.data.subarray(0, 25))).toEqual(Array.from(g.cost));
    expect(Array.from(npy.data.subarray(25, 50))).toEqual(Array.from(g.wxGrad));
    expect(Array.from(npy.data.subarray(50, 75))).toEqual(Array.from(g.wRecGrad));
    expect(npy.data[7]).toBe(Infinity);
    const axes = JSON.parse(surfaceAxesJson(g, { dataset: 'tutorial', npyFile: 'a.npy' }));
    expect(axes.wx).toEqual(Array.from(g.wx));
    expect(axes.wRec).toEqual(Array.from(g.wRec));
    expect(axes.arrays).toEqual(['cost', 'wxGrad', 'wRecGrad']);
  });

  it('.npy: 1-D shapes are written as (n,) and a wrong shape is refused', () => {
    expect(readNpy(npyFloat32([1, 2, 3], [3])).shape).toEqual([3]);
    expect(() => npyFloat32([1, 2, 3], [2, 2])).toThrow(/holds 4/);
  });
});

describe('data set and file names', () => {
  it('writes one row per line, which parses back to the same data set', () => {
    const d = tutorialDataset();
    const text = datasetToLines(d);
    expect(text.split('\n').filter(Boolean).length).toBe(20);
    const back = parseRows(text.trim().split('\n').join(','));
    expect(Array.from(back.x)).toEqual(Array.from(d.x));
  });

  it('names say the optimisers, the start and the data set', () => {
    const p = normalizeParams({ compare: 'sgd;rprop+', start: '1,-0.5', preset: 'random', seed: '3' }).params;
    const ds = datasetLabel(p);
    expect(ds).toBe('random-seed3-20x10');
    expect(exportFileName('runs', p, ds, 'csv')).toBe('rnnlab-runs-rprop+sgd+rprop+-start1_-0.5-random-seed3-20x10.csv');
    expect(exportFileName('surface', p, ds, 'npy')).toBe('rnnlab-surface-random-seed3-20x10-range-3_3_-3_3-res256.npy');
    expect(exportFileName('image', DEFAULT_PARAMS, 'tutorial', 'png', '3d-1920x1080')).toBe('rnnlab-image-rprop-start-1.5_2-tutorial-3d-1920x1080.png');
    expect(datasetLabel({ ...DEFAULT_PARAMS, data: '0101,1100' }, { samples: 2, seqLen: 4 })).toBe('rows-2x4');
  });
});
