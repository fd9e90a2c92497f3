/** Loads the float64 reference fixtures (copied from the spec's shared/fixtures). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixturePoint {
  wx: number;
  wRec: number;
  cost: number;
  wxGrad: number;
  wRecGrad: number;
  finalStates: number[];
  gradOverTime: number[];
}

export interface Fixture {
  name: string;
  dataset: { X: number[][]; t: number[] };
  points: FixturePoint[];
  gradientCheck: { at: [number, number]; eps: number; numerical: [number, number]; backprop: [number, number] };
  surface: { axis: number[]; cost: number[][] };
  rprop: { start: [number, number]; delta0: number; etaPlus: number; etaMinus: number; iterations: number; trajectory: [number, number][] };
  testModel: { input: number[]; target: number; output: number };
}

export const FIXTURE_NAMES = ['tutorial-seed1', 'random-seed0-len10', 'len25-samples8'] as const;

const here = dirname(fileURLToPath(import.meta.url));

export function loadFixture(name: string): Fixture {
  return { name, ...JSON.parse(readFileSync(join(here, 'fixtures', `${name}.json`), 'utf8')) };
}
