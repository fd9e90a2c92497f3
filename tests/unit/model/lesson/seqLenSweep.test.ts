import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/model/optimisers';
import { seqLenDataset, seqLenSweepRun, sweepLengths } from '../../../../src/model/lesson/sweep';
import { lessonFixture as fx, FIXTURE_LR } from '../../../lessonFixture';

const cases = fx.sweeps.flatMap((s) => (s.kind === 'seqLen' ? [s] : []));

describe('the sequence-length sweep (SPEC section 11), float64 on the CPU, against lesson-tutorial.json', () => {
  for (const c of cases) {
    it(`${c.opt} ${JSON.stringify(c.hyper)}: shares converged and diverged at lengths ${c.x[0]}..${c.x[c.x.length - 1]}, exact`, () => {
      const lengths = sweepLengths([c.x[0], c.x[c.x.length - 1]]);
      expect(Array.from(lengths)).toEqual(c.x);
      const setup = { seed: c.seed, samples: c.samples, range: c.range, starts: c.sweepStarts, iterations: c.iterations, tol: c.tol };
      const r = seqLenSweepRun({ opt: c.opt, hyper: { ...withDefaults({ lr: FIXTURE_LR, ...c.hyper }), lrWRec: null } }, setup, lengths);
      expect(Array.from(r.converged)).toEqual(c.converged);
      expect(Array.from(r.diverged)).toEqual(c.diverged);
    }, 60_000);
  }

  it("Bengio et al. 1994 in this model: sgd's share of diverging starts grows with the length", () => {
    const c = cases.find((s) => s.opt === 'sgd')!;
    expect(c.diverged[0]).toBe(0);
    expect(c.diverged[c.diverged.length - 1]).toBeGreaterThan(0.5);
  });

  it('the lengths are whole numbers lo..hi; each length is the random preset of that length', () => {
    expect(Array.from(sweepLengths([2, 5]))).toEqual([2, 3, 4, 5]);
    expect(Array.from(sweepLengths([7, 7]))).toEqual([7]);
    const d = seqLenDataset({ seed: 3, samples: 4 }, 6);
    expect(d.seqLen).toBe(6);
    expect(d.samples).toBe(4);
  });
});
