#!/usr/bin/env node
// npm run test:update-snapshots [-- <spec files or filters> <playwright options>]
//
// Rewrites the visual baselines (tests/browser/*-snapshots/*.png) from the current build, then
// says per baseline what changed: how many pixels differ from the old one at all (threshold 0)
// and beyond the suite's threshold (VISUAL_THRESHOLD in tests/browser/helpers.ts), by
// Playwright's own comparator, and writes old, new and diff images into
// test-results/snapshot-diffs/ so that a refresh's commit can say which pixels changed and why.
// A baseline whose pixels did not change keeps its old file. The exit code is Playwright's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'tests/browser');
const outDir = join(root, 'test-results/snapshot-diffs');
const DEFAULT_SPECS = ['visual', 'example-visual', 'optimisers', 'i18n'];
const DEFAULT_PROJECTS = ['--project=webgpu', '--project=nowebgpu'];

const helpers = readFileSync(join(testDir, 'helpers.ts'), 'utf8');
const threshold = Number(helpers.match(/export const VISUAL_THRESHOLD = ([\d.]+)/)?.[1]);
if (!Number.isFinite(threshold)) throw new Error('update-snapshots: no VISUAL_THRESHOLD in tests/browser/helpers.ts');
const compare = createRequire(import.meta.url)('playwright-core/lib/coreBundle').utils.getComparator('image/png');
/** pixels of `b` that differ from `a` beyond `t`, and the comparator's diff image */
function diff(a, b, t) {
  const r = compare(b, a, { threshold: t, maxDiffPixels: -1 });
  const sizes = /Expected an image (\d+px by \d+px), received (\d+px by \d+px)/.exec(r?.errorMessage ?? '');
  return { count: Number(/(\d+) pixels \(ratio/.exec(r?.errorMessage ?? '')?.[1] ?? NaN), sizes: sizes ? `${sizes[1]} -> ${sizes[2]}` : '', image: r?.diff };
}

/** every baseline: [spec snapshot folder, file name] */
function baselines() {
  return readdirSync(testDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.endsWith('-snapshots'))
    .flatMap((d) => readdirSync(join(testDir, d.name)).filter((f) => f.endsWith('.png')).map((f) => [d.name, f]));
}

// 1. the old baselines, kept aside
const saved = mkdtempSync(join(tmpdir(), 'rnnlab-baselines-'));
const before = baselines();
for (const [dir, file] of before) {
  mkdirSync(join(saved, dir), { recursive: true });
  copyFileSync(join(testDir, dir, file), join(saved, dir, file));
}

// 2. a fresh build, and the specs with --update-snapshots=all (a server of this build: CI=true)
const args = process.argv.slice(2);
const specs = args.some((a) => !a.startsWith('-')) ? [] : DEFAULT_SPECS;
const projects = args.some((a) => a.startsWith('--project')) ? [] : DEFAULT_PROJECTS;
const run = (cmd, cmdArgs, env = {}) => spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
if (run('npx', ['vite', 'build']) !== 0) process.exit(1);
const status = run('npx', ['playwright', 'test', ...specs, ...args, ...projects, '--update-snapshots=all'], { CI: 'true' });

// 3. what changed, per baseline
rmSync(outDir, { recursive: true, force: true });
const rows = [];
for (const [dir, file] of baselines()) {
  const name = `${dir.replace(/\.spec\.ts-snapshots$/, '')}/${file}`;
  const now = readFileSync(join(testDir, dir, file));
  const oldPath = join(saved, dir, file);
  if (!existsSync(oldPath)) {
    rows.push([name, 'new baseline', '', '']);
    continue;
  }
  const old = readFileSync(oldPath);
  const any = diff(old, now, 0);
  if (any.count === 0 && !any.sizes) {
    copyFileSync(oldPath, join(testDir, dir, file)); // same pixels: keep the old file's bytes
    rows.push([name, 'unchanged', '0', '0']);
    continue;
  }
  const visible = diff(old, now, threshold);
  const target = join(outDir, dir.replace(/-snapshots$/, ''));
  mkdirSync(target, { recursive: true });
  const stem = basename(file, '.png');
  copyFileSync(oldPath, join(target, `${stem}-old.png`));
  writeFileSync(join(target, `${stem}-new.png`), now);
  if (visible.image) writeFileSync(join(target, `${stem}-diff.png`), visible.image);
  rows.push([name, any.sizes ? `size ${any.sizes}` : 'CHANGED', String(any.count), String(visible.count)]);
}
for (const [dir, file] of before) if (!existsSync(join(testDir, dir, file))) rows.push([`${dir}/${file}`, 'removed', '', '']);
rmSync(saved, { recursive: true, force: true });

const head = ['baseline', 'status', 'pixels changed', `beyond ${threshold}`];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
if (rows.some((r) => r[1] !== 'unchanged')) console.log(`\nold, new and diff images of the changed baselines: ${outDir}\nSay in the commit which pixels changed and why.`);
process.exit(status);
