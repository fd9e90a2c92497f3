/**
 * A semantic check of the figures (issue 16, items 1 and 7a): each run's path is drawn at the
 * screen positions of its iterates inside the window (`rnnlab.toScreen`), in 3D and in the 2D
 * map at both zooms, with starts inside and outside the window, for the main run and a compared
 * one; the current point and the six marked points are where toScreen says.
 *
 * "Drawn" is judged against the same view at iteration 0, where every path is only faint: at
 * the last iteration the pixels at an iterate's position must differ from that picture (or have
 * the run's colour). A path that is missing, cut short or drawn elsewhere leaves them unchanged.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp } from './helpers';
import { RUN_COLOURS } from '../../src/present/theme';
import { TUTORIAL_POINTS } from '../../src/views/common';

type View = '3d' | 'map';
type RGB = [number, number, number];
interface Spot {
  k: number;
  x: number;
  y: number;
}

const hex = (css: string): RGB => [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as RGB;
const dist = (a: RGB, b: RGB) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

async function shot(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.screenshot());
}

function px(png: PNG, x: number, y: number): RGB {
  const i = 4 * (Math.round(y) * png.width + Math.round(x));
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

/** the pixels of the square of half-size r around (x, y) */
function square(png: PNG, x: number, y: number, r: number): RGB[] {
  const out: RGB[] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) out.push(px(png, x + dx, y + dy));
  return out;
}

async function setFrame(page: Page, frame: number): Promise<void> {
  await page.evaluate((f) => window.rnnlab.setParams({ frame: f }), frame);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Screen positions (toScreen in `view`) of these iterates of a run, keeping only those where the
 * view itself is on top: not under the readout, a panel or a 3D label (those are the same in
 * every frame and would hide the path).
 */
async function spots(page: Page, run: number, view: View, ks: number[]): Promise<Spot[]> {
  return page.evaluate(
    async ([run, view, ks]) => {
      const runs = await window.rnnlab.runs();
      const w = runs[run].weights;
      const canvas = view === 'map' ? document.querySelector('#heatmap-host canvas') : document.querySelector('#view3d canvas');
      const labels = [...document.querySelectorAll<HTMLElement>('.labels3d .label')]
        .filter((e) => getComputedStyle(e).visibility !== 'hidden' && e.textContent)
        .map((e) => e.getBoundingClientRect());
      // the start's marker (and the current point at iteration 0) cover the first iterates in every frame
      const s0 = window.rnnlab.toScreen(w[0][0], w[0][1], view);
      const start = s0 ? { x: s0.x - window.scrollX, y: s0.y - window.scrollY } : null;
      const cover = view === '3d' ? 18 : 8;
      const seen = new Set<string>();
      const out: { k: number; x: number; y: number }[] = [];
      for (const k of ks) {
        const p = window.rnnlab.toScreen(w[k][0], w[k][1], view);
        if (!p) continue;
        // next to where the path leaves or enters the window its exit × or entry ring is drawn: not a lone marker
        const inside = (j: number) => j < 0 || j >= w.length || window.rnnlab.toScreen(w[j][0], w[j][1], view) !== null;
        if (!inside(k - 1) || !inside(k + 1)) continue;
        const cx = p.x - window.scrollX;
        const cy = p.y - window.scrollY;
        if (document.elementFromPoint(cx, cy) !== canvas) continue;
        if (view === '3d' && labels.some((r) => cx > r.left - 6 && cx < r.right + 6 && cy > r.top - 6 && cy < r.bottom + 6)) continue;
        if (start && Math.hypot(cx - start.x, cy - start.y) < cover) continue;
        // one spot per place: a converging run's last hundred iterates are one pixel
        const key = `${Math.round(cx / 2)},${Math.round(cy / 2)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ k, x: cx, y: cy });
      }
      return out;
    },
    [run, view, ks] as const,
  );
}

/** How many of these spots show the path at `after`, compared with `before` (iteration 0). */
function drawnAt(before: PNG, after: PNG, at: Spot[], css: string): { drawn: number; missing: number[] } {
  const colour = hex(css);
  const missing: number[] = [];
  let drawn = 0;
  for (const s of at) {
    const a = square(before, s.x, s.y, 3);
    const b = square(after, s.x, s.y, 3);
    const changed = b.some((c, i) => Math.abs(c[0] - a[i][0]) + Math.abs(c[1] - a[i][1]) + Math.abs(c[2] - a[i][2]) > 60);
    const coloured = b.some((c, i) => dist(c, colour) < 40 && dist(a[i], colour) >= 40);
    if (changed || coloured) drawn++;
    else missing.push(s.k);
  }
  return { drawn, missing };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

/**
 * Opens the page at iteration 0, then at the run's last iteration, and asserts that every run
 * given is drawn at (nearly) all the positions of its iterates inside the window in `view`.
 * Returns how many positions were checked per run.
 */
async function expectPathsDrawn(page: Page, query: string, view: View, runsToCheck: number[]): Promise<number[]> {
  await openApp(page, `${query}&play=0&frame=0&gui=0`);
  const runs = await page.evaluate(() => window.rnnlab.runs());
  const last = Math.max(...runs.map((r) => r.weights.length - 1));
  const before = await shot(page);
  const where: Spot[][] = [];
  for (const r of runsToCheck) where.push(await spots(page, r, view, range(0, runs[r].weights.length)));
  await setFrame(page, last);
  const after = await shot(page);
  return runsToCheck.map((r, i) => {
    const { drawn, missing } = drawnAt(before, after, where[i], RUN_COLOURS[r]);
    const total = where[i].length;
    // a few positions may sit under the start marker or a marked point (the same in both pictures)
    expect(drawn, `${view} ${query}: run ${r} drawn at ${drawn} of ${total} iterates inside; missing at ${missing.slice(0, 20).join(', ')}`).toBeGreaterThanOrEqual(Math.ceil(0.9 * total));
    return total;
  });
}

test.describe('every run is drawn wherever it is inside the window', () => {
  test('3D, start inside, main run and a compared run', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?layout=3d&compare=clip,lr=0.05,clip=0.5', '3d', [0, 1]);
    expect(n[0]).toBeGreaterThan(25);
    expect(n[1]).toBeGreaterThan(25);
  });

  test('3D, start outside the range (range=-0.5,2.5,-0.5,1.8): the path from where it comes in', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?layout=3d&range=-0.5,2.5,-0.5,1.8&compare=clip,lr=0.05,clip=0.5', '3d', [0, 1]);
    expect(n[0]).toBeGreaterThan(25);
    expect(n[1]).toBeGreaterThan(10);
  });

  test('3D, a run that leaves and comes back (start -2,-2): drawn before and after, marked as converging', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?layout=3d&start=-2,-2', '3d', [0]);
    expect(n[0]).toBeGreaterThan(25);
    const runs = await page.evaluate(() => window.rnnlab.runs());
    expect(runs[0].diverged).toBeNull();
    // both stays are checked: the iterates before iteration 42 and after 62 are inside
    const w = runs[0].weights;
    const inside = (k: number) => Math.abs(w[k][0]) <= 3 && Math.abs(w[k][1]) <= 3;
    expect(inside(41) && !inside(42) && !inside(61) && inside(62)).toBe(true);
    await expect(page.locator('.labels3d .label.exit')).toHaveText('× leaves the plot at iteration 42');
    await expect(page.locator('.labels3d .label.return')).toHaveText('returns to the plot at iteration 62');
    expect(await page.locator('.labels3d').textContent()).not.toContain('diverged');
  });

  test('2D map, full window, start inside: main run and a compared run', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?compare=clip,lr=0.05,clip=0.5', 'map', [0, 1]);
    expect(n[0]).toBeGreaterThan(25);
    expect(n[1]).toBeGreaterThan(25);
  });

  test('2D map, zoom on [0, 2]², start outside: main run and a compared run', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?zoom=zoom&compare=clip,lr=0.05,clip=0.5', 'map', [0, 1]);
    expect(n[0]).toBeGreaterThan(25);
    expect(n[1]).toBeGreaterThan(25);
  });

  test('2D layout, zoom, a run that leaves and comes back', async ({ page }) => {
    const n = await expectPathsDrawn(page, '?layout=2d&zoom=zoom&start=-2,-2', 'map', [0]);
    expect(n[0]).toBeGreaterThan(25);
  });
});

/** run-coloured pixels in the square of half-size r around a spot */
function colouredCount(png: PNG, s: Spot, r: number, css: string): number {
  const c = hex(css);
  return square(png, s.x, s.y, r).filter((p) => dist(p, c) < 60).length;
}

/** at how many of 24 angles the dark rim of a disc (#0b0d12) is at this radius around a spot (page pixel (x, y) covers [x, x + 1)) */
function darkRim(png: PNG, s: Spot, radius: number): number {
  let n = 0;
  for (let i = 0; i < 24; i++) {
    const a = (2 * Math.PI * i) / 24;
    const at = (r: number) => px(png, s.x - 0.5 + r * Math.cos(a), s.y - 0.5 + r * Math.sin(a));
    if ([radius - 0.5, radius, radius + 0.5].some((r) => dist(at(r), [11, 13, 18]) < 50)) n++;
  }
  return n;
}

/** The iterate farthest on screen from every other place of the run (and from its last iterate): its marker stands alone there. */
function loneSpot(at: Spot[], last: number): Spot {
  let best = at[0];
  let bestD = -1;
  for (const s of at) {
    if (s.k === last) continue;
    const d = Math.min(...at.filter((o) => o !== s).map((o) => Math.hypot(o.x - s.x, o.y - s.y)));
    if (d > bestD) [best, bestD] = [s, d];
  }
  return best;
}

test.describe('the current point and the six marked points are where toScreen says', () => {
  // the view, the page, how many of the six points are inside its window
  for (const [view, query, marked] of [
    ['3d', '?layout=3d&start=-2,-2&compare=clip,lr=0.05,clip=0.5', 6],
    ['3d', '?layout=3d&range=-0.5,2.5,-0.5,1.8&compare=clip,lr=0.05,clip=0.5', 4],
    ['map', '?zoom=zoom&compare=clip,lr=0.05,clip=0.5', 4],
    ['map', '?start=-2,-2&compare=clip,lr=0.05,clip=0.5', 6],
  ] as const)
    test(`${view} ${query}`, async ({ page }) => {
      await openApp(page, `${query}&play=0&frame=0&gui=0`);
      const runs = await page.evaluate(() => window.rnnlab.runs());
      const last = Math.max(...runs.map((r) => r.weights.length - 1));
      // The marker of run r at iteration k, against the last iteration (where the path is drawn
      // in full, the same at that place, and the marker elsewhere): the run's colour is there only at k.
      for (const run of [0, 1]) {
        const n = runs[run].weights.length;
        const s = loneSpot(await spots(page, run, view, range(1, n)), n - 1);
        await setFrame(page, s.k);
        const atK = await shot(page);
        await setFrame(page, last);
        const atEnd = await shot(page);
        const where = `run ${run}'s current point at iteration ${s.k}, (${s.x}, ${s.y})`;
        if (view === '3d') {
          // a sphere in the run's colour: far more of it there at k than the path alone at the end
          const now = colouredCount(atK, s, 8, RUN_COLOURS[run]);
          const later = colouredCount(atEnd, s, 8, RUN_COLOURS[run]);
          expect(now - later, `${where}: ${now} run-coloured pixels, ${later} at the end`).toBeGreaterThan(60);
        } else {
          // a disc in the run's colour with a dark rim (the dots of the path have none)
          const radius = run === 0 ? 5 : 4;
          const now = darkRim(atK, s, radius);
          const later = darkRim(atEnd, s, radius);
          expect(dist(px(atK, s.x, s.y), hex(RUN_COLOURS[run])), `${where}: the disc's colour`).toBeLessThan(40);
          expect(now, `${where}: of 24 points on its rim, dark at k (${now}) and at the end (${later})`).toBeGreaterThanOrEqual(16);
          expect(later, `${where}: of 24 points on its rim, dark at k (${now}) and at the end (${later})`).toBeLessThanOrEqual(6);
        }
      }
      // the six marked points: their colour where toScreen says (those inside the window)
      const atEnd = await shot(page);
      let seen = 0;
      for (const p of TUTORIAL_POINTS) {
        const at = await page.evaluate(([x, y, v]) => {
          const q = window.rnnlab.toScreen(x, y, v);
          return q && { x: q.x - window.scrollX, y: q.y - window.scrollY };
        }, [p.wx, p.wRec, view] as const);
        if (!at) continue;
        // within the disc (radius 5): a point on the window's edge may have a run's exit mark over its centre
        const best = Math.min(...square(atEnd, at.x, at.y, 4).map((c) => dist(c, hex(p.css))));
        expect(best, `${p.name} (${p.wx}, ${p.wRec}) at (${at.x}, ${at.y})`).toBeLessThan(60);
        seen++;
      }
      expect(seen, 'the marked points inside the window').toBe(marked);
    });

  test('toScreen addresses the 2D map: null when it is not shown or the point is outside it', async ({ page }) => {
    await openApp(page, '?play=0&frame=0&zoom=zoom');
    const inMap = await page.evaluate(() => window.rnnlab.toScreen(1, 1, 'map'));
    const box = (await page.locator('#heatmap-host canvas').boundingBox())!;
    expect(inMap!.x).toBeGreaterThan(box.x);
    expect(inMap!.x).toBeLessThan(box.x + box.width);
    expect(await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2, 'map'))).toBeNull(); // outside [0, 2]^2
    expect(await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2, '3d'))).not.toBeNull();
    await page.evaluate(() => window.rnnlab.setParams({ layout: '3d' }));
    expect(await page.evaluate(() => window.rnnlab.toScreen(1, 1, 'map'))).toBeNull();
    await page.evaluate(() => window.rnnlab.setParams({ layout: '2d' }));
    expect(await page.evaluate(() => window.rnnlab.toScreen(1, 1, '3d'))).toBeNull();
    expect(await page.evaluate(() => window.rnnlab.toScreen(1, 1))).toEqual(await page.evaluate(() => window.rnnlab.toScreen(1, 1, 'map')));
  });
});
