/** The atlas panel's note on the cells the GPU could not resolve in float32 and the CPU finished in float64. */
import { describe, expect, it } from 'vitest';
import { finishedInFloat64Text } from '../../../src/present/notes';

describe('the atlas note on cells finished in float64', () => {
  it('says how many of how many cells, and nothing when none was', () => {
    expect(finishedInFloat64Text(0, 16384)).toBeNull();
    const text = finishedInFloat64Text(1234, 16384)!;
    expect(text).toMatch(/^1234 of 16384 cells were finished in float64 on the CPU/);
    expect(text).toContain('the cliff');
  });
});
