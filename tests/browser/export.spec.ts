/**
 * Export: rnnlab.snapshot() renders panels at the asked size (not blank, with the colour bar's
 * ends), the view on screen is untouched by it, and the Save menu's files round-trip to runs()
 * and surface().
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { openApp } from './helpers';
import { snapshotPng } from './pixels';

const VIRIDIS_0 = [68, 1, 84];
const VIRIDIS_1 = [253, 231, 37];

async function snapshot(page: Page, opts: { panel?: string; width?: number; height?: number }): Promise<PNG> {
  const buf = await snapshotPng(page, opts);
  if (process.env.RNNLAB_SNAPSHOT_DIR) writeFileSync(`${process.env.RNNLAB_SNAPSHOT_DIR}/${opts.panel}-${opts.width}x${opts.height}.png`, buf);
  return PNG.sync.read(buf);
}

/** pixels exactly of this colour */
function count(png: PNG, rgb: number[]): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) n++;
  return n;
}

function distinctColours(png: PNG): number {
  const set = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) set.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return set.size;
}

test.describe('snapshot()', () => {
  test('3D at 3840 x 2160, the map, the page: asked sizes, drawn, with the colour bar; the screen stays as it was', async ({ page }) => {
    const errors = await openApp(page, '?still=1&gui=0');
    const before = await page.screenshot();
    const canvasSize = () => page.evaluate(() => [...document.querySelectorAll('#view3d canvas')].map((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]));
    const sizeBefore = await canvasSize();

    const big = await snapshot(page, { panel: '3d', width: 3840, height: 2160 });
    expect([big.width, big.height]).toEqual([3840, 2160]);
    // the colour bar's ends: rows of exactly viridis(0) and viridis(1), 18 px wide times the scale (2.7)
    expect(count(big, VIRIDIS_0)).toBeGreaterThanOrEqual(40);
    expect(count(big, VIRIDIS_1)).toBeGreaterThanOrEqual(40);
    expect(distinctColours(big)).toBeGreaterThan(500);
    // the surface fills the middle of the image (not the background colour)
    const mid = (Math.floor(big.height * 0.55) * big.width + Math.floor(big.width * 0.5)) * 4;
    expect([big.data[mid], big.data[mid + 1], big.data[mid + 2]]).not.toEqual([16, 20, 27]);

    // the view on screen is restored exactly: same canvas size, same pixels
    expect(await canvasSize()).toEqual(sizeBefore);
    await page.evaluate(() => window.rnnlab.ready());
    expect((await page.screenshot()).equals(before)).toBe(true);

    for (const [panel, w, h] of [['map', 1200, 900], ['page', 1920, 1080], ['loss', 1280, 720], ['gradients', 1280, 720]] as const) {
      const png = await snapshot(page, { panel, width: w, height: h });
      expect([png.width, png.height], panel).toEqual([w, h]);
      expect(distinctColours(png), panel).toBeGreaterThan(20);
      if (panel === 'map' || panel === 'page') {
        expect(count(png, VIRIDIS_0), panel).toBeGreaterThanOrEqual(18);
        expect(count(png, VIRIDIS_1), panel).toBeGreaterThanOrEqual(18);
      }
    }
    // sizes beyond 3840 x 2160 and unknown panels are refused with a message
    const refused = await page.evaluate(async () => {
      const out: string[] = [];
      for (const o of [{ width: 3841, height: 100 }, { width: 100, height: 2161 }, { panel: 'nope' }, { panel: 'atlas' }])
        await window.rnnlab.snapshot(o as never).then(() => out.push('ok'), (e: Error) => out.push(e.message));
      return out;
    });
    expect(refused[0]).toMatch(/width must be .*3840/);
    expect(refused[1]).toMatch(/height must be .*2160/);
    expect(refused[2]).toMatch(/not one of page, 3d, map/);
    expect(refused[3]).toMatch(/no atlas/);
    expect(errors).toEqual([]);
  });

  test('the loss curve and the gradient plot are drawn at the image size, not enlarged', async ({ page }) => {
    await openApp(page, '?still=1&gui=0');
    const small = await snapshot(page, { panel: 'gradients', width: 640, height: 360 });
    const large = await snapshot(page, { panel: 'gradients', width: 2560, height: 1440 });
    // an enlarged image would repeat every pixel 4 x 4: count 4x4 blocks that are not uniform
    let mixed = 0;
    for (let y = 0; y < large.height; y += 4)
      for (let x = 0; x < large.width; x += 4) {
        const i0 = (y * large.width + x) * 4;
        let same = true;
        for (let dy = 0; dy < 4 && same; dy++)
          for (let dx = 0; dx < 4; dx++) {
            const i = ((y + dy) * large.width + x + dx) * 4;
            if (large.data[i] !== large.data[i0] || large.data[i + 1] !== large.data[i0 + 1] || large.data[i + 2] !== large.data[i0 + 2]) {
              same = false;
              break;
            }
          }
        if (!same) mixed++;
      }
    expect(mixed).toBeGreaterThan(2000);
    expect(distinctColours(large)).toBeGreaterThan(distinctColours(small));
  });

  test('the atlas, when there is one', async ({ page }) => {
    await openApp(page, '?still=1&gui=0&atlas=starts&atlasRes=16&iterations=100');
    const png = await snapshot(page, { panel: 'atlas', width: 1600, height: 1000 });
    expect([png.width, png.height]).toEqual([1600, 1000]);
    expect(distinctColours(png)).toBeGreaterThan(20);
  });
});

test.describe('Save menu', () => {
  test('runs, surface and data set files round-trip to runs() and surface(); names say what they hold', async ({ page }) => {
    const errors = await openApp(page, '?still=1&res=32&compare=sgd,lr=0.0001&iterations=80');
    await page.locator('#save-menu > .lil-title').click();
    const save = async (label: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#save-menu').getByText(label, { exact: true }).click()]);
      const path = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
    };
    const runs = await page.evaluate(() => window.rnnlab.runs());
    const surface = await page.evaluate(async () => {
      const s = await window.rnnlab.surface();
      return { wx: Array.from(s.wx), wRec: Array.from(s.wRec), cost: Array.from(s.cost), wxGrad: Array.from(s.wxGrad), wRecGrad: Array.from(s.wRecGrad) };
    });

    const csv = await save('runs (CSV)');
    expect(csv.name).toBe('rnnlab-runs-rprop+sgd-start-1.5_2-tutorial.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('run,opt,iteration,wx,wRec,cost,step_wx,step_wRec');
    expect(lines.length - 1).toBe(runs[0].weights.length + runs[1].weights.length);
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const r = runs[Number(f[0])];
      const k = Number(f[2]);
      expect(f[1]).toBe(r.opt);
      expect([Number(f[3]), Number(f[4])]).toEqual(r.weights[k]);
      expect(Number(f[5])).toBe(r.costs[k]);
    }

    const json = await save('runs (JSON)');
    expect(json.name).toBe('rnnlab-runs-rprop+sgd-start-1.5_2-tutorial.json');
    const j = JSON.parse(json.bytes.toString('utf8'));
    expect(j.runs.map((r: { opt: string }) => r.opt)).toEqual(['rprop', 'sgd']);
    j.runs.forEach((jr: { wx: number[]; wRec: number[]; cost: (number | null)[]; hyper: unknown; diverged: number | null }, i: number) => {
      expect(jr.wx).toEqual(runs[i].weights.map((w) => w[0]));
      expect(jr.wRec).toEqual(runs[i].weights.map((w) => w[1]));
      expect(jr.cost).toEqual(runs[i].costs.map((c) => (Number.isFinite(c) ? c : null)));
      expect(jr.hyper).toEqual(runs[i].hyper);
      expect(jr.diverged).toBe(runs[i].diverged);
    });

    const npy = await save('surface grid (NumPy .npy)');
    expect(npy.name).toBe('rnnlab-surface-tutorial-range-3_3_-3_3-res32.npy');
    const b = npy.bytes;
    expect(b.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
    const hlen = b.readUInt16LE(8);
    const header = b.subarray(10, 10 + hlen).toString('latin1');
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 32, 32\), \} *\n$/);
    expect((10 + hlen) % 64).toBe(0);
    const n = 32 * 32;
    expect(b.length).toBe(10 + hlen + 3 * n * 4);
    const at = (a: number, i: number) => b.readFloatLE(10 + hlen + (a * n + i) * 4);
    for (let i = 0; i < n; i++) {
      expect(at(0, i)).toBe(surface.cost[i]);
      expect(at(1, i)).toBe(surface.wxGrad[i]);
      expect(at(2, i)).toBe(surface.wRecGrad[i]);
    }
    const axes = await save('surface axes (JSON, for the .npy)');
    expect(axes.name).toBe('rnnlab-surface-axes-tutorial-range-3_3_-3_3-res32.json');
    const ax = JSON.parse(axes.bytes.toString('utf8'));
    expect(ax.wx).toEqual(surface.wx);
    expect(ax.wRec).toEqual(surface.wRec);
    expect(ax.file).toBe(npy.name);

    const grid = await save('surface grid (CSV)');
    const g = grid.bytes.toString('utf8').trim().split('\n');
    expect(g[0]).toBe('wx,wRec,cost,wxGrad,wRecGrad');
    expect(g.length).toBe(1 + n);
    for (const i of [0, 5, 33, 500, n - 1]) expect(g[1 + i].split(',').map(Number)).toEqual([surface.wx[i % 32], surface.wRec[Math.floor(i / 32)], surface.cost[i], surface.wxGrad[i], surface.wRecGrad[i]]);

    const ds = await save('data set (text)');
    expect(ds.name).toBe('rnnlab-dataset-tutorial.txt');
    const rows = ds.bytes.toString('utf8').trim().split('\n');
    expect(rows.length).toBe(20);
    expect(rows.every((r) => /^[01]{10}$/.test(r))).toBe(true);
    // the rows read back give the same runs
    await page.evaluate((data) => window.rnnlab.setParams({ data }), rows.join(','));
    expect((await page.evaluate(() => window.rnnlab.runs()))[0].weights).toEqual(runs[0].weights);

    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#save-menu').getByText('save image (PNG)', { exact: true }).click()]);
    expect(dl.suggestedFilename()).toMatch(/^rnnlab-image-rprop\+sgd-start-1\.5_2-rows-20x10-page-it\d+-1920x1080\.png$/);
    const png = PNG.sync.read(readFileSync(await dl.path()));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    expect(errors).toEqual([]);
  });
});
