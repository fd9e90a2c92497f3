/**
 * The WebGPU atlas's float64 finishing goes on from where a float32 cell stopped
 * (OptimiserState.resume, runAtlasCell from iteration k0): a float64 run resumed from its own
 * state at iteration k gives exactly the cell of the whole run.
 */
import { describe, expect, it } from 'vitest';
import { createAtlasOutput, runAtlasCell } from '../../../src/model/atlas';
import { OptimiserState, RESUMABLE, withDefaults } from '../../../src/model/optimisers';
import { SigmoidUnit } from '../../../src/model/models/sigmoid/unit';

const unit = new SigmoidUnit({ x0: 0.5, target: 0.7, steps: 50 });
const cg = { cost: 0, wxGrad: 0, wRecGrad: 0 };

/** The state after k steps from start: weights, Delta and the last gradient's signs. */
function stateAfter(opt: (typeof RESUMABLE)[number], start: [number, number], k: number) {
  const s = new OptimiserState(opt, withDefaults({}));
  s.reset(start[0], start[1]);
  const sign: [number, number] = [0, 0];
  for (let i = 0; i < k; i++) {
    unit.evaluate(s.w[0], s.w[1], cg);
    s.step(cg.cost, cg.wxGrad, cg.wRecGrad);
    sign[0] = Math.sign(cg.wxGrad);
    sign[1] = Math.sign(cg.wRecGrad);
  }
  return { w: [s.w[0], s.w[1]] as const, delta: [s.steps[0], s.steps[1]] as [number, number], sign };
}

describe.each(['rprop'] as const)('%s resumed in float64', (opt) => {
  it.each([[[6.5, -3.2]], [[2, -6]], [[9, -3]], [[-1, 1]]] as [number, number][][])('from %j at iteration 40 ends as the whole run', (start) => {
    const whole = createAtlasOutput(1, 1, 'float64');
    const s = new OptimiserState(opt, withDefaults({}));
    s.reset(start[0], start[1]);
    runAtlasCell(unit, s, 300, 1e-12, cg, whole, 0);
    const at = stateAfter(opt, start, 40);
    const resumed = createAtlasOutput(1, 1, 'float64');
    s.resume(40, at.w[0], at.w[1], at.delta, at.sign);
    runAtlasCell(unit, s, 300, 1e-12, cg, resumed, 0, 40);
    expect([resumed.finalCost[0], resumed.convergedAt[0], resumed.divergedAt[0]]).toEqual([whole.finalCost[0], whole.convergedAt[0], whole.divergedAt[0]]);
    // the run did go on past iteration 40 (tol 1e-12: not converged before it)
    expect(whole.convergedAt[0] === -1 || whole.convergedAt[0] > 40).toBe(true);
  });
});
