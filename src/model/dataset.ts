/**
 * Data sets for the counting task: binary sequences and their targets (the number of ones).
 * Pure float64 / integer code, no DOM.
 */
import { t } from '../i18n';

export interface Dataset {
  /** number of sequences (rows) */
  readonly samples: number;
  /** length of every sequence */
  readonly seqLen: number;
  /** row-major 0/1 inputs, samples x seqLen */
  readonly x: Uint8Array;
  /** target of each row: its number of ones */
  readonly targets: Float64Array;
}

/**
 * The original tutorial's 20 x 10 data set (numpy seed 1), as an explicit constant:
 * the app ships it rather than porting numpy's generator.
 */
export const TUTORIAL_ROWS: readonly string[] = [
  '0100000001',
  '0101010100',
  '1101110001',
  '0011101101',
  '1101001000',
  '0100001011',
  '0010011111',
  '1001001011',
  '1110010111',
  '0101001101',
  '0110110111',
  '0011011110',
  '0000111100',
  '1110101011',
  '1000000110',
  '0110010111',
  '0011000011',
  '0110111000',
  '1010010111',
  '0011110011',
];

/** Builds a data set from 0/1 rows; targets are row sums. */
export function datasetFromRows(rows: readonly (readonly number[])[]): Dataset {
  const samples = rows.length;
  const seqLen = samples > 0 ? rows[0].length : 0;
  const x = new Uint8Array(samples * seqLen);
  const targets = new Float64Array(samples);
  rows.forEach((row, i) => {
    if (row.length !== seqLen) throw new Error(t('row {row} has {count} values, expected {expected}', { row: i + 1, count: row.length, expected: seqLen }));
    row.forEach((v, k) => {
      if (v !== 0 && v !== 1) throw new Error(t('row {row} has a value other than 0 or 1', { row: i + 1 }));
      x[i * seqLen + k] = v;
      targets[i] += v;
    });
  });
  return { samples, seqLen, x, targets };
}

export function tutorialDataset(): Dataset {
  return datasetFromRows(TUTORIAL_ROWS.map((r) => [...r].map(Number)));
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG; identical on every machine and backend. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random preset: each element is 0 or 1 with probability 1/2, from a seeded generator. */
export function randomDataset(seed: number, samples: number, seqLen: number): Dataset {
  const next = mulberry32(seed);
  const rows: number[][] = [];
  for (let i = 0; i < samples; i++) {
    const row: number[] = [];
    for (let k = 0; k < seqLen; k++) row.push(next() < 0.5 ? 0 : 1);
    rows.push(row);
  }
  return datasetFromRows(rows);
}

export const MAX_SAMPLES = 256;
export const MAX_SEQ_LEN = 100;

/** A row for a message: its first 20 characters (whole code points), then "…". */
function shortRow(row: string): string {
  const chars = Array.from(row.slice(0, 42)).slice(0, 21);
  return `"${chars.slice(0, 20).map((c) => (/\p{C}/u.test(c) ? '\ufffd' : c)).join('')}${chars.length > 20 ? '…' : ''}"`;
}

/** One character for a message, with its code point when it is not printable ASCII (e.g. a zero-width space). */
function showChar(code: number): string {
  const ch = String.fromCodePoint(code);
  return code >= 0x21 && code <= 0x7e ? `"${ch}"` : `"${/\p{C}/u.test(ch) ? '' : ch}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Parses user rows: sequences of 0/1 separated by commas, semicolons or new lines; spaces
 * inside a row are allowed ("0 1 1 0"). Throws an Error with a message fit for the page.
 */
export function parseRows(text: string): Dataset {
  const rawRows = text
    .split(/[,;\n\r]+/)
    .map((r) => r.replace(/[\s]+/g, ''))
    .filter((r) => r.length > 0);
  if (rawRows.length === 0) throw new Error(t('no data: type rows of 0s and 1s, e.g. 0110,1011'));
  if (rawRows.length > MAX_SAMPLES) throw new Error(t('too many rows: {count} (at most {max})', { count: rawRows.length, max: MAX_SAMPLES }));
  rawRows.forEach((row, i) => {
    const bad = row.search(/[^01]/);
    if (bad >= 0) throw new Error(t('row {row} ({text}) has {char}: only 0 and 1 are allowed', { row: i + 1, text: shortRow(row), char: showChar(row.codePointAt(bad)!) }));
  });
  const seqLen = rawRows[0].length;
  rawRows.forEach((row, i) => {
    if (row.length !== seqLen)
      throw new Error(t('row {row} has length {length} but row 1 has length {first}: all rows must be equally long', { row: i + 1, length: row.length, first: seqLen }));
  });
  if (seqLen > MAX_SEQ_LEN) throw new Error(t('rows are {length} long (at most {max})', { length: seqLen, max: MAX_SEQ_LEN }));
  return datasetFromRows(rawRows.map((r) => [...r].map(Number)));
}

/** The inverse of parseRows: rows joined by commas. */
export function datasetToText(d: Dataset, separator = ','): string {
  const rows: string[] = [];
  for (let i = 0; i < d.samples; i++) rows.push(Array.from(d.x.subarray(i * d.seqLen, (i + 1) * d.seqLen)).join(''));
  return rows.join(separator);
}
