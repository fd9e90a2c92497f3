/**
 * The lesson's figures, checked by what they mean (issue 19): in the lr sweep every value that
 * diverged has its × at the plot's top at its x (and no other value has one), the stable rate
 * at the start (2/λmax there) is the dashed rule at x = the run's limit; every figure's title
 * lies inside its canvas, above the plot, in the one-screen layouts; while the start is dragged
 * the lr sweep waits (the plot says it is stale) and follows the start once it rests.
 * Positions come from the figure's own geometry (rnnlabDebug.lessonPlot), pixels from the canvas.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp, openGuiFolders } from './helpers';
import type { RGB } from './pixels';

type Box = { x: number; y: number; w: number; h: number };
type Figure = 'sharpness' | 'steps' | 'sweep';

/** The figure's layout and where these data points are drawn (CSS pixels of its canvas). */
async function lessonPlot(page: Page, panel: Figure, points: [number, number][] = []) {
  return page.evaluate(([f, p]) => window.rnnlabDebug.lessonPlot(f, p), [panel, points] as const);
}

/** The figure's canvas as an image (one image pixel per CSS pixel: the suite's scale factor is 1). */
async function canvasImage(page: Page, panel: Figure): Promise<PNG> {
  return PNG.sync.read(await page.locator(`#${panel}-host canvas`).screenshot());
}

const rgbAt = (png: PNG, x: number, y: number): RGB => {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
};

const hex = (css: string): RGB => [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as RGB;
const near = (a: RGB, b: RGB, tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** A × in this colour centred at (x, y): its centre and the ends of both strokes, each within a pixel. */
function crossAt(png: PNG, x: number, y: number, colour: RGB): boolean {
  const hit = (dx: number, dy: number) => [-1, 0, 1].some((ex) => [-1, 0, 1].some((ey) => near(rgbAt(png, x + dx + ex, y + dy + ey), colour, 40)));
  return hit(0, 0) && hit(-3, -3) && hit(3, 3) && hit(-3, 3) && hit(3, -3);
}

/** A × in this colour near the top edge of the plot at x: centre within the plot's top 10 pixels. */
function crossAtTop(png: PNG, plot: Box, x: number, colour: RGB): boolean {
  for (let y = Math.ceil(plot.y); y <= plot.y + 10; y++) for (const dx of [-1, 0, 1]) if (crossAt(png, x + dx, y, colour)) return true;
  return false;
}

const SCENE = '?still=1&gui=0&opt=sgd&lr=0.0001&compare=rprop&colorBy=sharpness&plots=sharpness&sweep=lr&sweepRes=17';
const RUN_CSS = ['#ffffff', '#56b4e9'];

test("the lr sweep: every diverged value has its × at the plot's top at its x, and no other value has one", async ({ page }) => {
  const errors = await openApp(page, SCENE);
  const s = (await page.evaluate(async () => {
    const w = await window.rnnlab.sweep();
    return w && w.kind === 'lr' ? { x: Array.from(w.x), runs: w.runs.map((r) => ({ opt: r.opt, divergedAt: Array.from(r.divergedAt) })) } : null;
  }))!;
  expect(s.runs.map((r) => r.opt)).toEqual(['sgd', 'rprop']);
  const diverged = s.runs[0].divergedAt.filter((d) => d >= 0).length;
  // from the tutorial's start, large learning rates of sgd are thrown off the wall, small ones are not
  expect(diverged).toBeGreaterThan(3);
  expect(diverged).toBeLessThan(s.x.length);
  const layout = (await lessonPlot(page, 'sweep', s.x.map((v) => [v, 1])))!;
  const png = await canvasImage(page, 'sweep');
  s.runs.forEach((r, i) =>
    s.x.forEach((v, j) => {
      const x = layout.points[j]!.x;
      expect(x).toBeGreaterThan(layout.plot.x);
      expect(x).toBeLessThan(layout.plot.x + layout.plot.w);
      expect(crossAtTop(png, layout.plot, x, hex(RUN_CSS[i])), `${r.opt} at ${v}: diverged at ${r.divergedAt[j]}`).toBe(r.divergedAt[j] >= 0);
    }),
  );
  expect(errors).toEqual([]);
});

test('the lr sweep: the stable rate at the start, 2/λmax there, is the dashed rule at x = the run\'s limit', async ({ page }) => {
  const errors = await openApp(page, SCENE);
  const limit = (await page.evaluate(async () => {
    const w = await window.rnnlab.sweep();
    return w && w.kind === 'lr' ? w.runs[0].limit : null;
  }))!;
  const [sgd] = await page.evaluate(() => window.rnnlab.runs());
  // the limit is 2 / the sharpness at the start (SPEC section 11): 5.1e-8 from the tutorial's start
  expect(Math.abs(limit - 2 / sgd.sharpness[0])).toBeLessThanOrEqual(1e-9 * limit);
  expect(limit).toBeCloseTo(5.08e-8, 9);
  const layout = (await lessonPlot(page, 'sweep', [[limit, 1]]))!;
  const want = layout.points[0]!.x;
  const png = await canvasImage(page, 'sweep');
  const { plot } = layout;
  // the share of the plot's rows that are the main run's white, per column: the rule is the column that has most
  const rows = Array.from({ length: Math.floor(plot.h) - 4 }, (_, i) => plot.y + 2 + i);
  const share = (x: number) => rows.filter((y) => near(rgbAt(png, x, y), [255, 255, 255], 30)).length / rows.length;
  let best = { x: -1, share: 0 };
  for (let x = Math.ceil(plot.x) + 2; x < plot.x + plot.w - 2; x++) {
    const v = share(x);
    if (v > best.share) best = { x, share: v };
  }
  expect(Math.abs(best.x - want), `the rule's column ${best.x}, the limit's ${want.toFixed(1)}`).toBeLessThanOrEqual(1.5);
  // dashed: about 5 on and 4 off down the whole height, not a solid line nor a few pixels
  expect(best.share).toBeGreaterThan(0.35);
  expect(best.share).toBeLessThan(0.85);
  expect(errors).toEqual([]);
});

const LAYOUTS = [
  { name: '1280x800', width: 1280, height: 800, query: '' },
  { name: '1920x1080', width: 1920, height: 1080, query: '' },
  { name: '1920x1080 presentation', width: 1920, height: 1080, query: '&present=1' },
  { name: 'embed 1280x720', width: 1280, height: 720, query: '&embed=1' },
];

for (const l of LAYOUTS)
  test(`the lesson figures' titles lie inside their canvases, above the plot, at ${l.name}`, async ({ page }) => {
    await page.setViewportSize({ width: l.width, height: l.height });
    const errors = await openApp(page, `?still=1&opt=sgd&lr=0.0001&compare=rprop&plots=both&sweep=lr&sweepRes=17${l.query}`);
    await page.evaluate(() => window.rnnlab.sweep());
    await page.evaluate(() => window.rnnlab.ready());
    const figures: Figure[] = l.query === '&present=1' ? ['sweep'] : ['sweep', 'sharpness', 'steps'];
    for (const f of figures) {
      const lay = (await lessonPlot(page, f))!;
      expect(lay, `${f} shown`).not.toBeNull();
      const { canvas, title, plot } = lay;
      expect(title.x, `${f}: left`).toBeGreaterThanOrEqual(canvas.x);
      expect(title.x + title.w, `${f}: right`).toBeLessThanOrEqual(canvas.x + canvas.w);
      expect(title.y, `${f}: top`).toBeGreaterThanOrEqual(canvas.y);
      expect(title.y + title.h, `${f}: above the plot`).toBeLessThanOrEqual(plot.y);
      expect(plot.h, `${f}: room left to plot`).toBeGreaterThan(40);
      // the drawn title: its ink lies within its box, and nothing of it touches the canvas's sides (a cut title does)
      const png = await canvasImage(page, f);
      const ink: number[] = [];
      for (let y = Math.max(0, Math.floor(title.y)); y < Math.min(png.height, Math.ceil(title.y + title.h)); y++)
        for (let x = 0; x < png.width; x++) if (rgbAt(png, x, y).every((v) => v > 150)) ink.push(x);
      expect(ink.length, `${f}: title drawn`).toBeGreaterThan(50);
      expect(Math.min(...ink), `${f}: ink from the left`).toBeGreaterThanOrEqual(Math.max(2, Math.floor(title.x) - 1));
      expect(Math.max(...ink), `${f}: ink to the right`).toBeLessThanOrEqual(Math.min(png.width - 3, Math.ceil(title.x + title.w) + 1));
    }
    expect(errors).toEqual([]);
  });

test('dragging the start with sweep=lr: the sweep waits, marked stale, and follows the start once it rests', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&layout=2d&gui=0&opt=sgd&lr=0.0001&sweep=lr&sweepRes=9');
  await page.evaluate(() => window.rnnlab.sweep());
  // what the sweep's figure says through the drag: each change of its stale mark, with the line shown then
  await page.evaluate(() => {
    const host = document.getElementById('sweep-host')!;
    const seen: string[] = ((window as unknown as { staleSeen: string[] }).staleSeen = []);
    new MutationObserver(() => seen.push(`${host.dataset.stale}: ${host.querySelector('.sweep-progress')!.textContent}`)).observe(host, { attributes: true, attributeFilter: ['data-stale'] });
  });
  const a = (await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2, 'map')))!;
  const b = (await page.evaluate(() => window.rnnlab.toScreen(1, 0.5, 'map')))!;
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(a.x + ((b.x - a.x) * i) / 6, a.y + ((b.y - a.y) * i) / 6);
  // resting with the button still held: the sweep follows the start
  const seen = () => page.evaluate(() => (window as unknown as { staleSeen: string[] }).staleSeen);
  await expect.poll(async () => (await seen()).at(-1) ?? '', { timeout: 10_000 }).toMatch(/^0: /);
  // stale from the first move on, current again once the start rests (a slow machine may rest between moves too)
  const marks = await seen();
  expect(marks.length % 2).toBe(0);
  marks.forEach((m, i) => expect(m).toMatch(i % 2 === 0 ? /^1: the sweep is for the previous start: it updates when the start rests$/ : /^0: /));
  expect(await page.evaluate(() => window.rnnlab.params().start[0])).toBeGreaterThan(0.5);
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  const start = (await page.evaluate(() => window.rnnlab.params())).start;
  expect(start[0]).toBeGreaterThan(0.5);
  await expect(page.locator('#sweep-host .sweep-progress')).toBeHidden();
  const dragged = await page.evaluate(async () => Array.from((await window.rnnlab.sweep() as { runs: { finalCost: Float64Array }[] }).runs[0].finalCost));
  // the same sweep as the start set directly (no drag: at once)
  await page.evaluate(() => window.rnnlab.setParams({ start: [-1.5, 2] }));
  await page.evaluate(() => window.rnnlab.sweep());
  await page.evaluate((s) => window.rnnlab.setParams({ start: s }), start);
  const direct = await page.evaluate(async () => Array.from((await window.rnnlab.sweep() as { runs: { finalCost: Float64Array }[] }).runs[0].finalCost));
  expect(dragged).toEqual(direct);
  expect(errors).toEqual([]);
});

/** The main run's shares [converged, diverged] at the sweep's i-th length. */
async function sweptShares(page: Page, i: number): Promise<number[] | null> {
  return page.evaluate(async (j) => {
    const w = await window.rnnlab.sweep();
    return w && w.kind === 'seqLen' ? [w.runs[0].converged[j], w.runs[0].diverged[j]] : null;
  }, i);
}

/** The same shares from an atlas of the sweep's starts (4 x 4 over the range) of rprop with the model at `steps`. */
async function atlasShares(page: Page, steps: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const p = window.rnnlab.params();
    const axis = (lo: number, hi: number) => Array.from({ length: 4 }, (_, i) => lo + ((hi - lo) * i) / 3);
    const a = await window.rnnlabDebug.atlas({ params: { steps: n }, mode: 'starts', opt: 'rprop', iterations: p.iterations, tol: p.tol, xAxis: axis(p.range[0], p.range[1]), yAxis: axis(p.range[2], p.range[3]) });
    return [a.convergedAt.filter((c) => c >= 0).length / 16, a.divergedAt.filter((d) => d >= 0).length / 16];
  }, steps);
}

test("the sigmoid unit's sequence-length sweep varies its steps: 1..200, clamped and said, its axis titled steps", async ({ page }) => {
  // (the default range, 2..60 steps, is the unit tests'; here few steps of few starts keep it short)
  const errors = await openApp(page, '?still=1&model=sigmoid&opt=rprop&iterations=40&sweep=seqLen&sweepStarts=4&sweepRange=196,200');
  await expect(page.locator('#sweep-host')).toBeVisible();
  // beyond the data's lengths (100) but within the model's steps: used as given, nothing said
  const s = (await page.evaluate(async () => { const w = await window.rnnlab.sweep(); return w && { kind: w.kind, x: Array.from(w.x) }; }))!;
  expect(s).toEqual({ kind: 'seqLen', x: [196, 197, 198, 199, 200] });
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([]);
  // the shares at 200 steps are those of the atlas of the starts of the model with steps = 200
  expect(await sweptShares(page, 4)).toEqual(await atlasShares(page, 200));
  // beyond the model's steps: clamped to 1..200, and said
  // (not waited for: 200 lengths take long; the next range cancels that sweep, latest wins)
  await page.evaluate(() => void window.rnnlab.setParams({ sweepRange: [0, 250] }));
  await expect.poll(() => page.evaluate(() => window.rnnlab.messages())).toEqual(['sweepRange: clamped to [-12, 200]: 0,200', 'sweepRange: 0,200: whole numbers of steps within [1, 200], used 1,200']);
  await page.evaluate(() => window.rnnlab.setParams({ sweepRange: [3, 5] }));
  expect((await page.evaluate(async () => { const w = await window.rnnlab.sweep(); return w && Array.from(w.x); }))).toEqual([3, 4, 5]);
  // each length's shares are the model's with that many steps, not with its own 50
  for (const [i, steps] of [[0, 3], [1, 4], [2, 5]]) expect(await sweptShares(page, i), `${steps} steps`).toEqual(await atlasShares(page, steps));
  expect(await sweptShares(page, 2)).not.toEqual(await atlasShares(page, 50));
  // the plot's axis is the steps, its title the cliff's; the linear RNN's the sequence's length
  expect((await lessonPlot(page, 'sweep'))!.text).toEqual({ title: 'more steps, a steeper cliff: share of starts (solid: converge, dashed: diverge)', x: 'steps', y: 'share of starts' });
  // the Lesson folder's range fields say steps too
  await openGuiFolders(page, ['Lesson: sharpness and sweeps']);
  const rangeNames = () => page.locator('#gui .lil-controller .lil-name').filter({ hasText: /^(fewest steps|most steps|shortest length|longest length)$/ }).allTextContents();
  expect(await rangeNames()).toEqual(['fewest steps', 'most steps']);
  await page.evaluate(() => window.rnnlab.setParams({ model: 'linear', sweepRange: [2, 4] }));
  await page.evaluate(() => window.rnnlab.sweep());
  expect((await lessonPlot(page, 'sweep'))!.text.x).toBe('sequence length');
  expect(await rangeNames()).toEqual(['shortest length', 'longest length']);
  expect(errors).toEqual([]);
});
