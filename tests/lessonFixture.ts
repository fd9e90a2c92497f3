/** The lesson fixture (SPEC sections 10, 11 and 8; copied from the spec's shared/fixtures). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hyper, OptimiserName } from '../src/model/optimiserSpec';

export interface LessonRun {
  opt: OptimiserName;
  hyper: Partial<Hyper>;
  start: [number, number];
  iterations: number;
  weights: [number, number][];
  costs: number[];
  diverged: number | null;
  grads: [number, number][];
  sharpness: number[];
  preconditionedSharpness?: number[];
  stabilityLimit: number | null;
}

interface LrSweepCase {
  kind: 'lr';
  opt: OptimiserName;
  hyper: Partial<Hyper>;
  start: [number, number];
  iterations: number;
  tol: number;
  sweepRange: [number, number];
  sweepRes: number;
  param: 'lr' | 'delta0';
  x: number[];
  finalCost: number[];
  convergedAt: number[];
  divergedAt: number[];
  limit: number | null;
}

interface SeqLenSweepCase {
  kind: 'seqLen';
  opt: OptimiserName;
  hyper: Partial<Hyper>;
  seed: number;
  samples: number;
  range: [number, number, number, number];
  sweepStarts: number;
  iterations: number;
  tol: number;
  x: number[];
  converged: number[];
  diverged: number[];
}

export interface LessonFixture {
  dataset: { X: number[][]; t: number[] };
  points: { wx: number; wRec: number; hessian: [number, number, number]; sharpness: number; lambdaMin: number }[];
  sharpnessGrid: { axis: number[]; sharpness: number[][] };
  runs: LessonRun[];
  sweeps: (LrSweepCase | SeqLenSweepCase)[];
  boundaryDimension: { name: string; diverged?: string[]; dimension: number }[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const lessonFixture: LessonFixture = JSON.parse(readFileSync(join(here, 'fixtures', 'lesson-tutorial.json'), 'utf8'));

/** The fixture writes +/-Infinity as +/-1e308. */
export const isFixtureInfinity = (v: number): boolean => Math.abs(v) >= 1e308;

/**
 * The fixture's runs were made with lr = 0.001 as the default (like optimisers-tutorial.json,
 * see optimisers.test.ts): its `hyper: {}` adam and clip runs match lr 0.001, not SPEC's 0.01.
 */
export const FIXTURE_LR = 0.001;
