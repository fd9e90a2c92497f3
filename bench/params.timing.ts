/**
 * Reading hostile URL values takes linear time: every key with 10^5-character values, each call
 * within LIMIT_MS (a quadratic regular expression took minutes on a space run inside a data row).
 * A timing, so part of `npm run bench` (bench/vitest.timing.config.ts), not of the unit tests:
 * tests/unit/state/normalize.test.ts checks what these calls return, not how long they take.
 */
import { expect, it } from 'vitest';
import { normalizeParams } from '../src/state/normalize';
import { PARAM_KEYS } from '../src/state/schema';

/** linear work takes a few ms to ~100 ms on a busy 2-core machine; a quadratic regex took minutes */
const LIMIT_MS = Number(process.env.BENCH_PARAMS_LIMIT_MS || 1000);
const LONG = 100_000;
const HUGE = [
  `0${' '.repeat(LONG)}1`, // a space run inside a row: was quadratic in the separator regex
  `0${' \t'.repeat(LONG)}1,1${' '.repeat(LONG)}0`,
  Array(LONG).fill('01').join('\n'),
  Array(LONG).fill('01').join(','),
  '0,'.repeat(LONG),
  ' ,'.repeat(LONG),
  ';'.repeat(LONG),
  'sgd,lr=1;'.repeat(LONG / 10),
  'x=1,'.repeat(LONG / 4),
  '1'.repeat(LONG * 10),
  '9'.repeat(LONG),
];

it(`normalizeParams: every key with 10^5-character values, each call under ${LIMIT_MS} ms`, () => {
  const slow: string[] = [];
  let slowest = { ms: 0, what: '' };
  for (const key of PARAM_KEYS)
    for (const v of HUGE) {
      const t0 = performance.now();
      normalizeParams({ [key]: v });
      const ms = performance.now() - t0;
      const what = `${key} with ${v.length} characters: ${ms.toFixed(1)} ms`;
      if (ms > slowest.ms) slowest = { ms, what };
      if (ms > LIMIT_MS) slow.push(what);
    }
  console.log(`slowest: ${slowest.what}`);
  expect(slow).toEqual([]);
}, 600_000);
