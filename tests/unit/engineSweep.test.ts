import { describe, expect, it } from 'vitest';
import { ProgressPacer, SweepRunner, type SweepState } from '../../src/engineSweep';
import { computeAtlasRows, createAtlasOutput } from '../../src/model/atlas';
import { tutorialDataset } from '../../src/model/dataset';
import { lrSweep, seqLenSweepRun, sweepLengths } from '../../src/model/lesson/sweep';
import { cancelledAtlas, type AtlasJob, type AtlasProgress, type AtlasSignal, type ComputeBackend } from '../../src/gpu/backend';
import { normalizeParams } from '../../src/state/normalize';
import { sweepSpecs } from '../../src/state/sweep';
import type { Params } from '../../src/state/schema';

/** A backend whose atlas is the float64 model (what the CPU workers compute), one turn per call. */
function float64Backend(calls: AtlasJob[] = []): ComputeBackend {
  return {
    kind: 'cpu',
    surface: () => Promise.reject(new Error('not used')),
    evaluate: () => Promise.reject(new Error('not used')),
    async atlas(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal) {
      calls.push(req);
      await new Promise((r) => setTimeout(r, 0));
      if (signal?.cancelled) return cancelledAtlas();
      const out = createAtlasOutput(req.xAxis.length, req.yAxis.length);
      computeAtlasRows(req.dataset, req, 0, req.yAxis.length, out);
      const total = out.divergedAt.length * (req.iterations + 1);
      onProgress?.(total, total);
      return { finalCost: out.finalCost as Float32Array, convergedAt: out.convergedAt, divergedAt: out.divergedAt };
    },
    dispose: () => undefined,
  };
}

const paramsOf = (raw: Record<string, string>): Params => normalizeParams(raw).params;

async function finished(runner: SweepRunner): Promise<SweepState> {
  while (runner.task) await runner.task;
  return runner.state!;
}

describe('the engine\'s sweeps: computed after the state, progress, latest wins', () => {
  it('sweep=lr: the float64 lr sweep of every run, main run first, in chunks', async () => {
    const p = paramsOf({ sweep: 'lr', opt: 'sgd', compare: 'rprop;clip', iterations: '300' });
    const d = tutorialDataset();
    const runner = new SweepRunner();
    const seen: number[] = [];
    runner.onSweep((s) => s && seen.push(s.done));
    runner.start(p, d, 'tutorial', float64Backend());
    const s = await finished(runner);
    expect(s.complete).toBe(true);
    const want = lrSweep(d, sweepSpecs(p), p.start, p.iterations, p.tol, [-8, 0], 65);
    expect(s.sweep).toEqual(want);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(3 * 65);
  });

  it('sweep=seqLen: one atlas per run and length on the backend, shares as the float64 sweep', async () => {
    const p = paramsOf({ sweep: 'seqLen', sweepRange: '2,5', sweepStarts: '8', opt: 'sgd', lr: '0.0001', compare: 'rprop', iterations: '100' });
    const calls: AtlasJob[] = [];
    const runner = new SweepRunner();
    runner.start(p, tutorialDataset(), 'tutorial', float64Backend(calls));
    const s = await finished(runner);
    expect(s.complete).toBe(true);
    expect(calls.length).toBe(2 * 4);
    expect(calls.map((c) => c.dataset.seqLen)).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
    expect(s.done).toBe(s.total);
    const setup = { seed: p.seed, samples: p.samples, range: p.range, starts: 8, iterations: 100, tol: p.tol };
    const specs = sweepSpecs(p);
    expect(s.sweep).toEqual({ kind: 'seqLen', x: sweepLengths([2, 5]), runs: specs.map((spec) => seqLenSweepRun(spec, setup, sweepLengths([2, 5]))) });
  });

  it('new params cancel the running sweep: the latest wins, the old one stops within an atlas', async () => {
    const calls: AtlasJob[] = [];
    const runner = new SweepRunner();
    const backend = float64Backend(calls);
    runner.start(paramsOf({ sweep: 'seqLen', sweepRange: '2,30', sweepStarts: '4', iterations: '50' }), tutorialDataset(), 't', backend);
    const first = runner.state!;
    runner.start(paramsOf({ sweep: 'seqLen', sweepRange: '2,3', sweepStarts: '4', iterations: '50' }), tutorialDataset(), 't', backend);
    const s = await finished(runner);
    expect(s).not.toBe(first);
    expect(s.complete).toBe(true);
    expect(first.complete).toBe(false);
    expect(calls.length).toBeLessThanOrEqual(1 + 2);
    runner.start(paramsOf({ sweep: 'off' }), tutorialDataset(), 't', backend);
    expect(runner.state).toBe(null);
  });

  it('the same params again start nothing new', async () => {
    const runner = new SweepRunner();
    const p = paramsOf({ sweep: 'lr', sweepRes: '5' });
    runner.start(p, tutorialDataset(), 't', float64Backend());
    const s = await finished(runner);
    runner.start(p, tutorialDataset(), 't', float64Backend());
    expect(runner.state).toBe(s);
  });

  it('sweep=seqLen: progress reaches the listeners paced (a redraw per report), the end at once', async () => {
    // a backend reporting progress 50 times per atlas: the listeners hear far fewer reports
    const backend = float64Backend();
    const inner = backend.atlas.bind(backend);
    backend.atlas = async (req, onProgress, signal) => {
      for (let i = 1; i <= 50; i++) onProgress?.(i, 50);
      return inner(req, undefined, signal);
    };
    const runner = new SweepRunner();
    const seen: SweepState[] = [];
    runner.onSweep((s) => s && seen.push({ ...s }));
    runner.start(paramsOf({ sweep: 'seqLen', sweepRange: '2,4', sweepStarts: '4', iterations: '20' }), tutorialDataset(), 't', backend);
    const s = await finished(runner);
    expect(s.complete).toBe(true);
    expect(seen.length).toBeLessThan(10);
    expect(seen[seen.length - 1].complete).toBe(true);
  });
});

describe('ProgressPacer: reports at most every 250 ms and 8 times their own cost', () => {
  it('skips ticks until the wait is over', () => {
    let now = 0;
    const reports: number[] = [];
    const pacer = new ProgressPacer(() => {
      reports.push(now);
      now += 100; // a report that takes 100 ms: the next one waits 800 ms
    }, () => now);
    pacer.tick();
    for (let t = 100; t <= 2000; t += 50) {
      now = t;
      pacer.tick();
    }
    expect(reports).toEqual([0, 900, 1800]);
  });

  it('cheap reports: every 250 ms', () => {
    let now = 0;
    const reports: number[] = [];
    const pacer = new ProgressPacer(() => reports.push(now), () => now);
    for (now = 0; now <= 1000; now += 50) pacer.tick();
    expect(reports).toEqual([0, 250, 500, 750, 1000]);
  });
});
