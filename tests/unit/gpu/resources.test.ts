/** The shared WebGPU resources (src/gpu/webgpu/resources.ts) that need no GPU: the serial queue. */
import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../src/gpu/webgpu/resources';

describe('SerialQueue', () => {
  it('runs work one piece at a time, in call order, and goes on after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const piece = (name: string, ms: number, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const a = q.run(piece('a', 20));
    const b = q.run(piece('b', 1, true));
    const c = q.run(piece('c', 5));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
