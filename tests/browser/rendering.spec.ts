/** Rendering details: devicePixelRatio, the gradient scale, the hover readout, 3D labels, presentation mode and the caption. */
import { expect, test } from '@playwright/test';
import { atlasCellColour } from '../../src/views/atlasCells';
import { openApp } from './helpers';

/** Opens a folder of the control panel unless it is open already (a message may have opened it). */
async function openFolder(page: import('@playwright/test').Page, name: string): Promise<void> {
  const title = page.locator('#gui .lil-title', { hasText: name });
  if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
}

test('canvases render at devicePixelRatio (150%)', async ({ browser }) => {
  const context = await browser.newContext({ deviceScaleFactor: 1.5, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openApp(page, '?play=0&frame=0&gui=0');
  const sizes = await page.evaluate(() =>
    ['#view3d canvas', '#heatmap-host canvas', '#gradplot-host canvas', '#lossplot-host canvas'].map((sel) => {
      const c = document.querySelector<HTMLCanvasElement>(sel)!;
      const r = c.getBoundingClientRect();
      return { sel, w: c.width, h: c.height, cssW: r.width, cssH: r.height };
    }),
  );
  for (const s of sizes) {
    // one device pixel of rounding (three.js floors, the 2D views round)
    expect(Math.abs(s.w - s.cssW * 1.5), `${s.sel} width ${s.w} for ${s.cssW} CSS px`).toBeLessThanOrEqual(1);
    expect(Math.abs(s.h - s.cssH * 1.5), `${s.sel} height ${s.h} for ${s.cssH} CSS px`).toBeLessThanOrEqual(1);
  }
  await context.close();
});

for (const dpr of [1.5, 2])
  test(`the atlas renders at devicePixelRatio (${dpr}) and a click picks the cell under the pointer`, async ({ browser }) => {
    const context = await browser.newContext({ deviceScaleFactor: dpr, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = await openApp(page, '?play=0&frame=0&gui=0&layout=2d&atlas=starts&atlasRes=24&compare=sgd,lr=0.0001');
    // every atlas canvas (the maps, the legend's ramps): canvas pixels = CSS pixels x dpr
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('#atlas-panel canvas')].map((c) => {
        const r = c.getBoundingClientRect();
        return { cls: c.className, w: c.width, h: c.height, cssW: r.width, cssH: r.height };
      }),
    );
    expect(sizes.filter((s) => s.cls === 'atlas-map').length).toBe(2);
    expect(sizes.filter((s) => s.cls === 'atlas-swatch').length).toBe(3);
    for (const s of sizes) {
      expect(Math.abs(s.w - s.cssW * dpr), `${s.cls} width ${s.w} for ${s.cssW} CSS px`).toBeLessThanOrEqual(1);
      expect(Math.abs(s.h - s.cssH * dpr), `${s.cls} height ${s.h} for ${s.cssH} CSS px`).toBeLessThanOrEqual(1);
    }
    // Points inside cells (the 3x3 canvas pixels around them one colour, not the marker's), read
    // from the canvas before any click: the cell a click picks must be the one painted there.
    const canvas = page.locator('#atlas-panel canvas.atlas-map[data-run="0"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const points = await canvas.evaluate((c: HTMLCanvasElement, k: number) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const r = c.getBoundingClientRect();
      const rgb = (x: number, y: number) => [...d.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 3)];
      const out: { fx: number; fy: number; rgb: number[] }[] = [];
      for (const fx of [0.38, 0.47, 0.56, 0.65, 0.74])
        for (const fy of [0.22, 0.34, 0.46, 0.58]) {
          const x = Math.floor(fx * r.width * k);
          const y = Math.floor(fy * r.height * k);
          const c0 = rgb(x, y);
          let same = true;
          for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) same &&= rgb(x + dx, y + dy).join() === c0.join();
          // not the panel's background, the frame or the orange marker
          if (same && c0.join() !== '23,28,37' && c0.join() !== '255,106,0') out.push({ fx: (x + 0.5) / k / r.width, fy: (y + 0.5) / k / r.height, rgb: c0 });
        }
      return out;
    }, dpr);
    expect(points.length, 'points inside cells').toBeGreaterThanOrEqual(6);
    expect(new Set(points.map((p) => p.rgb.join())).size, 'cells of more than one colour').toBeGreaterThan(1);
    const atlas = (await page.evaluate(async () => {
      const a = (await window.rnnlab.atlas())!;
      return { wx: [...a.wx], wRec: [...a.wRec], convergedAt: [...a.convergedAt], divergedAt: [...a.divergedAt], finalCost: [...a.finalCost] };
    }))!;
    const iterations = (await page.evaluate(() => window.rnnlab.params())).iterations;
    const nearest = (axis: number[], v: number) => axis.reduce((best, a, i) => (Math.abs(a - v) < Math.abs(axis[best] - v) ? i : best), 0);
    for (const p of points) {
      await page.mouse.click(box.x + p.fx * box.width, box.y + p.fy * box.height);
      await page.evaluate(() => window.rnnlab.ready());
      const start = (await page.evaluate(() => window.rnnlab.params())).start;
      const col = nearest(atlas.wx, start[0]);
      const row = nearest(atlas.wRec, start[1]);
      expect(Math.abs(atlas.wx[col] - start[0])).toBeLessThan(1e-3);
      expect(Math.abs(atlas.wRec[row] - start[1])).toBeLessThan(1e-3);
      const cell = row * atlas.wx.length + col;
      const want = atlasCellColour(atlas.convergedAt[cell], atlas.divergedAt[cell], atlas.finalCost[cell], iterations);
      expect(want, `the cell picked at (${p.fx.toFixed(3)}, ${p.fy.toFixed(3)}) of the canvas, start ${start}`).toEqual(p.rgb);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

test('the gradient plot keeps one axis scale over the whole run', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&gui=0');
  const axis = () =>
    page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#gradplot-host canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, Math.round(60 * (c.width / c.clientWidth)), c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0;
      return h;
    });
  const first = await axis();
  for (const f of [40, 200, 500]) {
    await page.evaluate((k) => window.rnnlab.setParams({ frame: k }), f);
    expect(await axis(), `axis labels at iteration ${f}`).toBe(first);
  }
});

test('the hover readout follows the pointer after a drag, shows nothing off the surface, and agrees with the iteration box', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=60&layout=2d&gui=0');
  const hover = page.locator('#hover');
  // over the current iteration's point: the same cost as the readout's
  const path = await page.evaluate(() => window.rnnlab.trajectory());
  const now = (await page.evaluate(([x, y]) => window.rnnlab.toScreen(x, y), path[60]))!;
  await page.mouse.move(now.x + 2, now.y + 1);
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('iteration 60');
  const readoutCost = (await page.locator('#readout tr[data-run="0"] td').nth(3).textContent())!;
  expect(await hover.textContent()).toContain(`cost ${readoutCost}`);
  // off the surface (the map's axis area): nothing
  const map = (await page.locator('#heatmap-host canvas').boundingBox())!;
  await page.mouse.move(map.x + 10, map.y + map.height - 10);
  await expect(hover).toBeHidden();
  // after dragging the start, the readout is where the pointer is, about the point under it
  const s = (await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2)))!;
  const t = (await page.evaluate(() => window.rnnlab.toScreen(0.5, -1.5)))!;
  await page.mouse.move(s.x, s.y);
  await page.mouse.down();
  await page.mouse.move((s.x + t.x) / 2, (s.y + t.y) / 2, { steps: 2 });
  await page.mouse.move(t.x, t.y, { steps: 2 });
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  await page.mouse.move(t.x + 30, t.y + 20);
  await expect(hover).toBeVisible();
  const hb = (await hover.boundingBox())!;
  expect(Math.abs(hb.x - (t.x + 30 + 14))).toBeLessThan(2);
  expect(Math.abs(hb.y - (t.y + 20 + 14))).toBeLessThan(2);
  const m = /wx (-?[\d.]+)\s+wRec (-?[\d.]+)\s+cost (\S+)/.exec((await hover.textContent())!)!;
  const [wx, wRec] = [Number(m[1]), Number(m[2])];
  const under = (await page.evaluate(([x, y]) => window.rnnlab.toScreen(x, y), [wx, wRec] as [number, number]))!;
  expect(Math.abs(under.x - (t.x + 30))).toBeLessThan(2);
  expect(Math.abs(under.y - (t.y + 20))).toBeLessThan(2);
  expect(errors).toEqual([]);
});

/** The visible 3D labels' boxes. */
async function labelBoxes(page: import('@playwright/test').Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.labels3d .label')]
      .filter((e) => e.style.display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', x: r.left, y: r.top, w: r.width, h: r.height };
      })
      .filter((b) => b.w > 0),
  );
}
type B = { x: number; y: number; w?: number; h?: number; width?: number; height?: number };
const hits = (a: B, b: B) => {
  const [aw, ah, bw, bh] = [a.w ?? a.width!, a.h ?? a.height!, b.w ?? b.width!, b.h ?? b.height!];
  return a.x < b.x + bw && b.x < a.x + aw && a.y < b.y + bh && b.y < a.y + ah;
};

for (const [w, h] of [[1920, 1080], [1280, 800]] as const)
  test(`at ${w}x${h} no 3D label overlaps the control panel or another label`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    const errors = await openApp(page, '?play=0&frame=0');
    for (const q of [{}, { start: [1, 2] }, { start: [0.5, 1.6] }, { cam: [80, 30, 4] }] as const) {
      await page.evaluate((p) => window.rnnlab.setParams(p as never), q);
      const gui = (await page.locator('#gui').boundingBox())!;
      const boxes = await labelBoxes(page);
      expect(boxes.length).toBeGreaterThan(8);
      expect(boxes.some((b) => b.text.startsWith('start'))).toBe(true);
      for (const b of boxes) expect(hits(b, gui), `"${b.text}" under the panel (${JSON.stringify(q)})`).toBe(false);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(hits(boxes[i], boxes[j]), `"${boxes[i].text}" over "${boxes[j].text}" (${JSON.stringify(q)})`).toBe(false);
    }
    expect(errors).toEqual([]);
  });

test('labels sit on a dark plate, readable on any surface colour (white and the grey overflow included)', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&preset=random&seqLen=60&gui=0');
  const worst = await page.evaluate(() => {
    const lum = (c: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    let min = Infinity;
    for (const e of document.querySelectorAll<HTMLElement>('.labels3d .label')) {
      const cs = getComputedStyle(e);
      const bg = cs.backgroundColor.match(/[\d.]+/g)!.map(Number);
      const fg = cs.color.match(/[\d.]+/g)!.map(Number);
      const a = bg.length > 3 ? bg[3] : 1;
      for (const under of [[255, 255, 255], [196, 196, 196], [253, 231, 37]]) {
        const plate = [0, 1, 2].map((i) => a * bg[i] + (1 - a) * under[i]);
        const [l1, l2] = [lum(fg), lum(plate)].sort((x, y) => y - x);
        min = Math.min(min, (l1 + 0.05) / (l2 + 0.05));
      }
    }
    return min;
  });
  expect(worst).toBeGreaterThanOrEqual(4.5);
});

test('in the 2D-only layout the panel covers neither the map nor its axis, and there is a colour bar', async ({ page }) => {
  for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page, '?play=0&frame=0&layout=2d');
    const gui = (await page.locator('#gui').boundingBox())!;
    const map = (await page.locator('#heatmap-host canvas').boundingBox())!;
    expect(hits(gui, map), `panel ${JSON.stringify(gui)} map ${JSON.stringify(map)}`).toBe(false);
    const bar = page.locator('#heatmap-host #colorbar');
    await expect(bar).toBeVisible();
    await expect(bar).toContainText('cost + 1');
    const b = (await bar.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(w);
  }
});

test('presentation mode (present=1, key P): every text on the page and on the canvases at 20 px or more at 1920x1080, the atlas included', async ({ page }) => {
  // record the font of every string drawn on a 2D canvas, and which canvas it went to
  await page.addInitScript(() => {
    const seen: { text: string; font: string; canvas: string }[] = [];
    (window as unknown as { __canvasText: typeof seen }).__canvasText = seen;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
      seen.push({ text: String(text), font: this.font, canvas: this.canvas.className });
      return max === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, max);
    };
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  // the atlas with small multiples (a compared run) is on screen too
  const errors = await openApp(page, '?play=0&frame=30&atlas=starts&atlasRes=24&compare=sgd,lr=0.0001');
  await expect(page.locator('#atlas-panel canvas.atlas-map')).toHaveCount(2);
  await page.keyboard.press('p');
  await page.evaluate(() => window.rnnlab.ready());
  expect((await page.evaluate(() => window.rnnlab.params())).present).toBe(true);
  await expect.poll(() => page.url()).toContain('present=1');
  // presentation mode folds the panel behind the title bar's button: open it
  await page.locator('#panel-button').click();
  await openFolder(page, 'View');
  await page.locator('#test-input').fill('0120'); // a field message too
  await page.evaluate(() => window.rnnlab.ready());
  await page.evaluate(() => ((window as unknown as { __canvasText: unknown[] }).__canvasText.length = 0));
  await page.evaluate(() => window.rnnlab.setParams({ frame: 31 }));
  // a new start redraws the atlas maps (their marker) with everything else
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, 1.5] }));
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement!;
      if (!n.textContent!.trim() || e.closest('style, script') || !e.checkVisibility({ visibilityProperty: true })) continue;
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (size < 20) out.push(`${size}px: ${n.textContent!.trim().slice(0, 40)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
  // the atlas's texts were among those checked: titles with shares, legend, summary; its progress text (hidden once done) at its size too
  await expect(page.locator('#atlas-panel .atlas-title').first()).toContainText('converge');
  await expect(page.locator('#atlas-legend')).toBeVisible();
  await expect(page.locator('#atlas-summary')).toBeVisible();
  expect(parseFloat(await page.locator('#atlas-progress').evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(20);
  const drawn = await page.evaluate(() => (window as unknown as { __canvasText: { text: string; font: string; canvas: string }[] }).__canvasText);
  expect(drawn.length).toBeGreaterThan(20);
  // both atlas maps drew their tick labels and axis names
  expect(drawn.filter((d) => d.canvas === 'atlas-map' && d.text === 'wRec').length).toBeGreaterThanOrEqual(2);
  expect(drawn.filter((d) => d.canvas === 'atlas-map' && /^-?\d/.test(d.text)).length).toBeGreaterThanOrEqual(6);
  const tiny = drawn.filter((d) => d.text.trim() && parseFloat(/(\d+(\.\d+)?)px/.exec(d.font)![1]) < 20).map((d) => `${d.font}: ${d.text}`);
  expect(tiny).toEqual([]);
  // P again leaves it
  await page.locator('#test-input').blur();
  await page.keyboard.press('p');
  await expect.poll(() => page.evaluate(() => window.rnnlab.params().present)).toBe(false);
  expect(errors).toEqual([]);
});

for (const [w, h] of [[1920, 1080], [1280, 800]] as const)
  test(`the caption is on screen, uncovered, in every layout at ${w}x${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page, '?play=0&frame=10');
    for (const present of [false, true])
      for (const layout of ['both', '3d', '2d'] as const) {
        await page.evaluate((p) => window.rnnlab.setParams(p), { layout, present });
        const where = `${layout}, present ${present}`;
        const c = page.locator('#caption');
        await expect(c, where).toContainText('At the current point');
        const box = (await c.boundingBox())!;
        expect(box, where).not.toBeNull();
        expect(box.y + box.height, where).toBeLessThanOrEqual(h);
        expect(box.x + box.width, where).toBeLessThanOrEqual(w);
        // nothing else on screen overlaps it (the overlays have pointer-events: none, so compare boxes)
        const covering = await page.evaluate(() => {
          const c = document.querySelector('#caption')!.getBoundingClientRect();
          return ['#gui', '#messages', '#notice', '#colorbar', '#status', '#readout', '#heatmap-host canvas', '#gradplot-host canvas', '#lossplot-host', '#runs-legend']
            .flatMap((sel) => [...document.querySelectorAll<HTMLElement>(sel)])
            .filter((e) => e.checkVisibility())
            .filter((e) => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom;
            })
            .map((e) => e.id || e.className);
        });
        expect(covering, `${where}: the caption is not covered`).toEqual([]);
      }
  });
