/** Issue 12: what a lecturer and a student tripped over. One test (or more) per item. */
import { expect, test } from '@playwright/test';
import { atlasCellColour } from '../../src/views/atlasCells';
import { openApp } from './helpers';

/** Opens a folder of the control panel unless it is open already (a message may have opened it). */
async function openFolder(page: import('@playwright/test').Page, name: string): Promise<void> {
  const title = page.locator('#gui .lil-title', { hasText: name });
  if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
}

const caption = (page: import('@playwright/test').Page) => page.locator('#caption');

test('item 3: the caption says "explodes" / "vanishes" only for large factors, numbers without padding', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&start=1,1.1');
  await expect(caption(page)).toContainText('2.594× over 10 steps');
  await expect(caption(page)).toContainText('it grows 2.594× over 10 steps'); // issue 16: not "roughly keeps its size"
  await expect(caption(page)).not.toContainText('explodes');
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, 2] }));
  await expect(caption(page)).toContainText('1024× over 10 steps): it explodes');
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, 0.5] }));
  await expect(caption(page)).toContainText('it vanishes');
  expect(await caption(page).textContent()).not.toMatch(/\d\.\d*000×/);
  expect(errors).toEqual([]);
});

test('item 2: Rprop explained next to its controls, hover help, step sizes show the x1.2 growth, a true first-step label', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0');
  const note = page.locator('#rprop-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('only at the sign of each gradient');
  await expect(note).toContainText('the first step is 0.0005');
  const optFolder = page.locator('#gui .lil-controller');
  expect(await optFolder.filter({ hasText: 'η+ (grow)' }).getAttribute('title')).toContain('multiplied by η+');
  expect(await optFolder.filter({ hasText: 'η− (shrink)' }).getAttribute('title')).toContain('multiplied by η−');
  await expect(optFolder.filter({ hasText: 'Δ0' }).locator('.lil-name')).toHaveText('Δ0 (×η− before step 1)');
  expect(await page.locator('.label.valley').getAttribute('title')).toContain('wx of least cost');
  expect(await page.locator('#gradcheck').getAttribute('title')).toContain('numerical');
  // The first step really is Δ0·η−: the path says so.
  const path = await page.evaluate(() => window.rnnlab.trajectory());
  expect(Math.abs(path[1][0] - path[0][0])).toBeCloseTo(0.0005, 12);
  // The readout's step sizes grow 0.0005 -> 0.0006 -> 0.00072 with the digits to see it.
  const steps: string[] = [];
  for (const k of [1, 2, 3]) {
    await page.evaluate((f) => window.rnnlab.setParams({ frame: f }), k);
    steps.push((await page.locator('#readout tr[data-run="0"] td').last().textContent())!);
  }
  expect(steps).toEqual(['Δ 0.0005000, 0.0005000', 'Δ 0.0006000, 0.0006000', 'Δ 0.0007200, 0.0007200']);
  // Another family member: its first step is Δ0, and the label says so; SGD hides the note.
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'irprop-' }));
  await expect(optFolder.filter({ hasText: 'Δ0' }).locator('.lil-name')).toHaveText('Δ0 (first step)');
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'sgd' }));
  await expect(note).toBeHidden();
  expect(errors).toEqual([]);
});

test('item 8: a bad test sequence is said under its field, the old output goes, the View folder stays closed', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=5');
  await expect(page.locator('#test-output')).toContainText('output');
  const view = page.locator('#gui .lil-title', { hasText: 'View' });
  expect(await view.getAttribute('aria-expanded')).toBe('false');
  await page.locator('#test-input').fill('0120');
  await page.evaluate(() => window.rnnlab.ready());
  const msg = page.locator('#trymodel #test-message');
  await expect(msg).toBeVisible();
  await expect(msg).toContainText('must be 1 to 200 digits 0 or 1');
  // under the field, not somewhere else
  const input = (await page.locator('#test-input').boundingBox())!;
  const box = (await msg.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(input.y + input.height - 1);
  expect(box.y).toBeLessThan(input.y + input.height + 40);
  await expect(page.locator('#test-output')).toHaveText('');
  expect(await view.getAttribute('aria-expanded')).toBe('false');
  await expect(page.locator('#messages')).toBeHidden();
  // a good sequence brings the output back and the message goes
  await page.locator('#test-input').fill('0110');
  await page.evaluate(() => window.rnnlab.ready());
  await expect(msg).toBeHidden();
  await expect(page.locator('#test-output')).toContainText('target 2');
  expect(errors).toEqual([]);
});

test('item 8: inputs use a monospace font without contextual alternates (an x stays an x)', async ({ page }) => {
  await openApp(page, '?play=0&frame=0');
  const styles = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#gui input[type="text"], #gui input:not([type]), #gui textarea, #test-input')].map((e) => {
      const cs = getComputedStyle(e);
      return { font: cs.fontFamily, ligatures: cs.fontVariantLigatures, features: cs.fontFeatureSettings };
    }),
  );
  expect(styles.length).toBeGreaterThan(10);
  for (const s of styles) {
    expect(s.font).toMatch(/^"?JetBrains Mono/);
    expect(s.ligatures).toBe('none');
    expect(s.features).toContain('"calt" 0');
  }
});

test('item 8: the message banner can be dismissed and does not cover the status line; "copied" is not an error', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&res=3000');
  const banner = page.locator('#messages');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('res');
  const b = (await banner.boundingBox())!;
  const s = (await page.locator('#status').boundingBox())!;
  const overlap = !(b.x + b.width <= s.x || s.x + s.width <= b.x || b.y + b.height <= s.y || s.y + s.height <= b.y);
  expect(overlap, `banner ${JSON.stringify(b)} status ${JSON.stringify(s)}`).toBe(false);
  // nor the control panel
  const g = (await page.locator('#gui').boundingBox())!;
  expect(b.x).toBeGreaterThanOrEqual(g.x + g.width);
  await banner.getByRole('button', { name: 'dismiss' }).click();
  await expect(banner).toBeHidden();
  // the confirmation of a copied link is information, not an error
  await openFolder(page, 'View');
  await page.locator('#gui button', { hasText: 'copy link to this view' }).click();
  const notice = page.locator('#notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Link to this view');
  await expect(banner).toBeHidden();
  expect(await notice.getAttribute('role')).toBe('status');
  const bg = await notice.evaluate((e) => getComputedStyle(e).backgroundColor);
  const [r, , bl] = bg.match(/\d+/g)!.map(Number);
  expect(bl, `notice background ${bg} is not red`).toBeGreaterThan(r);
  expect(errors).toEqual([]);
});

test('item 9: the copied link does not force still mode; "copy still link" does; still mode can be left from the panel', async ({ page }) => {
  await openApp(page, '?play=0&frame=40&cam=15,30,6&start=1,1.5');
  await openFolder(page, 'View');
  await page.locator('#gui button', { hasText: 'copy link to this view' }).click();
  const plain = (await page.locator('#notice').textContent())!.match(/http\S+/)![0];
  expect(plain).not.toContain('still=');
  expect(plain).toContain('frame=40');
  expect(plain).toContain('start=1,1.5');
  expect(plain).toContain('cam=15,30,6');
  await page.locator('#gui button', { hasText: 'copy still link' }).click();
  const still = (await page.locator('#notice').textContent())!.match(/http\S+/)![0];
  expect(still).toContain('still=1');
  expect(still).toContain('frame=40');
  // the plain link opens the same view, not in still mode
  const url = new URL(plain);
  await openApp(page, url.search);
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.still).toBe(false);
  expect(p.frame).toBe(40);
  expect(p.start).toEqual([1, 1.5]);
  // still mode is left from the panel, and the animation then runs
  await openApp(page, '?still=1');
  await openFolder(page, 'View');
  const box = page.locator('#gui .lil-controller', { hasText: 'still mode' }).locator('input');
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect.poll(() => page.url()).not.toContain('still=');
  expect((await page.evaluate(() => window.rnnlab.params())).still).toBe(false);
});

test('item 6: seed, samples and seqLen belong to the random preset; no silent preset switch; switching back clears them; custom rows show as custom', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0');
  await openFolder(page, 'Data');
  const ctl = (name: string) => page.locator('#gui .lil-controller', { hasText: name });
  const seqLen = ctl('seqLen (random preset)');
  await expect(seqLen).toHaveClass(/lil-disabled/);
  await expect(ctl('samples (random preset)')).toHaveClass(/lil-disabled/);
  await expect(page.locator('#random-note')).toContainText('belong to the random preset');
  const preset = ctl('preset').locator('select');
  await preset.selectOption('random');
  await page.evaluate(() => window.rnnlab.ready());
  await expect(seqLen).not.toHaveClass(/lil-disabled/);
  const input = seqLen.locator('input');
  await input.fill('30');
  await input.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  let p = await page.evaluate(() => window.rnnlab.params());
  expect(p.seqLen).toBe(30);
  expect(p.preset).toBe('random');
  await expect.poll(() => page.url()).toContain('seqLen=30');
  // back to the tutorial: what no longer applies leaves the URL
  await preset.selectOption('tutorial');
  await page.evaluate(() => window.rnnlab.ready());
  await expect.poll(() => page.url()).not.toContain('seqLen');
  expect(page.url()).not.toContain('preset=');
  p = await page.evaluate(() => window.rnnlab.params());
  expect(p.seqLen).toBe(10);
  // custom rows show as "custom"
  await page.locator('.rows-editor textarea').fill('0110\n1011\n0001');
  await page.locator('.rows-editor button', { hasText: 'Use these rows' }).click();
  await page.evaluate(() => window.rnnlab.ready());
  expect(await preset.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toContain('custom');
  await expect(seqLen).toHaveClass(/lil-disabled/);
  await expect(page.locator('#random-note')).toContainText('Custom rows');
  await page.locator('.rows-editor button', { hasText: 'Back to the preset' }).click();
  await page.evaluate(() => window.rnnlab.ready());
  expect(await preset.inputValue()).toBe('tutorial');
  expect(errors).toEqual([]);
});

test('item 6 and 7: a seqLen typed beyond its limit is clamped with the URL\'s message, and the clamped one is drawn', async ({ page }) => {
  // the URL's message, for comparison
  await openApp(page, '?play=0&frame=0&preset=random&seqLen=150');
  const urlMessages = await page.evaluate(() => window.rnnlab.messages());
  expect(urlMessages).toContain('seqLen: 150 clamped to 100 (allowed 1 .. 100, whole numbers)');
  await expect(page.locator('#caption')).toContainText('over 100 steps');
  // the same from the panel
  await openApp(page, '?play=0&frame=0&preset=random');
  await openFolder(page, 'Data');
  const input = page.locator('#gui .lil-controller', { hasText: 'seqLen' }).locator('input');
  await input.fill('150');
  await input.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual(urlMessages);
  await expect(page.locator('#messages')).toContainText('seqLen: 150 clamped to 100');
  await expect(page.locator('#gui .gui-message').first()).toContainText('seqLen: 150 clamped to 100');
  expect((await page.evaluate(() => window.rnnlab.params())).seqLen).toBe(100);
  await expect(page.locator('#caption')).toContainText('over 100 steps');
  const g = await page.evaluate(async () => (await window.rnnlab.evaluate([[1, 1]]))[0].gradOverTime.length);
  expect(g).toBeGreaterThanOrEqual(100);
  expect(g).toBeLessThanOrEqual(101);
});

test('item 7: a hyperparameter typed beyond its slider is used, beyond its limit clamped with the URL\'s message', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&etaPlus=50');
  const urlMessages = await page.evaluate(() => window.rnnlab.messages());
  expect(urlMessages.join(' ')).toMatch(/etaPlus: 50 clamped to/);
  await openApp(page, '?play=0&frame=0');
  const input = page.locator('#gui .lil-controller', { hasText: 'η+ (grow)' }).locator('input');
  await input.fill('5'); // beyond the slider's end (3), within the limits: used as typed
  await input.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  expect((await page.evaluate(() => window.rnnlab.params())).etaPlus).toBe(5);
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([]);
  await input.fill('50');
  await input.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual(urlMessages);
});

test('item 7: a start outside the range is marked at the edge with a note, in 3D and in 2D', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&start=5,2.5&gui=0');
  const label = page.locator('.label.start');
  await expect(label).toHaveText('start (5, 2.5) is outside the range: marked at its edge');
  const box = (await label.boundingBox())!;
  const view = (await page.locator('#view3d canvas').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(view.x);
  expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
  // in 2D, the orange start dot sits on the right edge at wRec 2.5
  await page.evaluate(() => window.rnnlab.setParams({ layout: '2d' }));
  const edge = (await page.evaluate(() => window.rnnlab.toScreen(3, 2.5)))!;
  const rgb = await page.evaluate(async ([x, y]) => {
    const c = document.querySelector<HTMLCanvasElement>('#heatmap-host canvas')!;
    const r = c.getBoundingClientRect();
    const d = c.getContext('2d')!.getImageData(Math.round((x - r.left) * (c.width / r.width)), Math.round((y - r.top) * (c.height / r.height)), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [edge.x, edge.y]);
  expect(rgb, `start dot colour ${rgb}`).toEqual([255, 106, 0]);
  expect(errors).toEqual([]);
});

test('item 10: Space toggles play even when a panel control has the focus, but types a space in a text field', async ({ page }) => {
  await openApp(page, '?play=0&frame=3');
  const playing = () => page.evaluate(() => window.rnnlab.params().play);
  // focus a lil-gui button (step) and a select (optimiser): Space still plays / pauses
  await openFolder(page, 'Playback');
  await page.locator('#gui button', { hasText: 'step (→)' }).focus();
  await page.keyboard.press('Space');
  await expect.poll(playing).toBe(true);
  const frameAfter = await page.evaluate(() => window.rnnlab.params().frame);
  expect(frameAfter).toBe(-1); // the focused step button was not clicked (it would pause at a frame)
  await page.locator('#gui .lil-controller', { hasText: 'optimiser' }).locator('select').focus();
  await page.keyboard.press('Space');
  await expect.poll(playing).toBe(false);
  expect((await page.evaluate(() => window.rnnlab.params())).opt).toBe('rprop');
  // in a text field a space is typed, and play is left alone
  await page.locator('#test-input').focus();
  await page.keyboard.press('Space');
  expect(await playing()).toBe(false);
});

test('item 10: the start is dragged in the 2D map as in 3D; the help lists every gesture; reset all; the tutorial link', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&layout=2d&gui=0');
  const a = (await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2)))!;
  const b = (await page.evaluate(() => window.rnnlab.toScreen(1, 0.5)))!;
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) await page.mouse.move(a.x + ((b.x - a.x) * i) / 4, a.y + ((b.y - a.y) * i) / 4);
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  const p = await page.evaluate(() => window.rnnlab.params());
  const px = 6 / 400; // about one screen pixel of the map in weights
  expect(Math.abs(p.start[0] - 1)).toBeLessThan(3 * px);
  expect(Math.abs(p.start[1] - 0.5)).toBeLessThan(3 * px);
  expect(p.play).toBe(true); // released: the run restarts
  // the help lists the gestures, with the 2D drag and the tutorial
  await page.keyboard.press('?');
  const help = page.locator('#help');
  await expect(help).toBeVisible();
  for (const g of ['drag the orange dot', '2D map', 'shift-click', 'orbit', 'loss curve', 'atlas cell', 'hover']) await expect(help).toContainText(g);
  expect(await help.locator('a').getAttribute('href')).toBe('https://peterroelants.github.io/posts/rnn-implementation-part01/');
  await page.keyboard.press('Escape');
  // reset all: every setting back to its default, the URL clean
  await page.evaluate(() => window.rnnlab.setParams({ gui: true, iterations: 123, opt: 'adam' }));
  await page.locator('#gui button', { hasText: 'reset all' }).click();
  await page.evaluate(() => window.rnnlab.ready());
  const q = await page.evaluate(() => window.rnnlab.params());
  expect(q.iterations).toBe(500);
  expect(q.opt).toBe('rprop');
  expect(q.start).toEqual([-1.5, 2]);
  expect(q.layout).toBe('both');
  expect(new URL(page.url()).search).toBe('');
  expect(await page.locator('#gui a.tutorial-link').getAttribute('href')).toContain('peterroelants.github.io/posts/rnn-implementation-part01');
  expect(errors).toEqual([]);
});

test('item 10: canvases render at devicePixelRatio (150%)', async ({ browser }) => {
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
  test(`item 10: the atlas renders at devicePixelRatio (${dpr}) and a click picks the cell under the pointer`, async ({ browser }) => {
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

test('item 10: the gradient plot keeps one axis scale over the whole run', async ({ page }) => {
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

test('item 5: the hover readout follows the pointer after a drag, shows nothing off the surface, and agrees with the iteration box', async ({ page }) => {
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
  test(`item 4: at ${w}x${h} no 3D label overlaps the control panel or another label`, async ({ page }) => {
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

test('item 4: labels sit on a dark plate, readable on any surface colour (white and the grey overflow included)', async ({ page }) => {
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

test('item 4: in the 2D-only layout the panel covers neither the map nor its axis, and there is a colour bar', async ({ page }) => {
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

test('item 1: presentation mode (present=1, key P): every text on the page and on the canvases at 20 px or more at 1920x1080, the atlas included', async ({ page }) => {
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
  test(`item 1: the caption is on screen, uncovered, in every layout at ${w}x${h}`, async ({ page }) => {
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

test('noticed (a): seqLen with the tutorial preset is kept but said to be unused, in the banner and beside the Data controls', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&preset=tutorial&seqLen=60');
  const note = 'seqLen: 60 is not used: they only make the random preset (preset=random), not the tutorial one';
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([note]);
  await expect(page.locator('#messages')).toContainText(note);
  await expect(page.locator('#gui .gui-message').first()).toContainText(note);
  await expect(page.locator('#caption')).toContainText('over 10 steps'); // the tutorial's data, as said
  // with the random preset it is used, and nothing is said
  await page.evaluate(() => window.rnnlab.setParams({ preset: 'random' }));
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([]);
  await expect(page.locator('#caption')).toContainText('over 60 steps');
  expect(errors).toEqual([]);
});

test('noticed (b): the seed field takes every seed the URL takes (no slider ending at 9999); beyond, the URL\'s message', async ({ page }) => {
  // the URL's message for a seed beyond its limit, for comparison
  await openApp(page, '?play=0&frame=0&preset=random&seed=4294967296');
  const urlMessages = await page.evaluate(() => window.rnnlab.messages());
  expect(urlMessages).toEqual(['seed: 4294967296 clamped to 4294967295 (allowed 0 .. 4294967295, whole numbers)']);
  const errors = await openApp(page, '?play=0&frame=0&preset=random&seed=123456');
  await openFolder(page, 'Data');
  const seed = page.locator('#gui .lil-controller', { hasText: 'seed (random preset)' });
  await expect(seed.locator('input')).toHaveValue('123456');
  await expect(seed.locator('.lil-slider')).toHaveCount(0);
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([]);
  const type = async (v: string) => {
    await seed.locator('input').fill(v);
    await seed.locator('input').press('Enter');
    await page.evaluate(() => window.rnnlab.ready());
  };
  await type('4294967295'); // the URL's largest: used as typed
  expect((await page.evaluate(() => window.rnnlab.params())).seed).toBe(4294967295);
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual([]);
  await expect.poll(() => page.url()).toContain('seed=4294967295');
  await type('4294967296'); // beyond: clamped with the URL's message
  expect(await page.evaluate(() => window.rnnlab.messages())).toEqual(urlMessages);
  expect((await page.evaluate(() => window.rnnlab.params())).seed).toBe(4294967295);
  expect(errors).toEqual([]);
});

test('noticed (c): costs in the iteration box have at most 4 significant digits (49.23, not 49.230), as the hover and the legend', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=60&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5');
  const cost = (run: number) => page.locator(`#readout tr[data-run="${run}"] td`).nth(3).textContent();
  expect(await cost(2)).toBe('49.23');
  expect(await cost(0)).toBe('0.214');
  for (const frame of [0, 1, 5, 20, 60, 200, 500]) {
    await page.evaluate((f) => window.rnnlab.setParams({ frame: f }), frame);
    for (const run of [0, 2]) {
      const text = (await cost(run))!;
      // from 10 on, at most 4 significant digits (5 only for whole numbers from 10000)
      const m = /^-?(\d+)(?:\.(\d+))?(e[+-]\d+)?$/.exec(text);
      expect(m, `run ${run} at ${frame}: ${text}`).not.toBeNull();
      const digits = `${m![1]}${m![2] ?? ''}`.replace(/^0+/, '').length;
      if (!m![3] && Math.abs(Number(text)) >= 10) expect(digits, `run ${run} at ${frame}: ${text}`).toBeLessThanOrEqual(Math.abs(Number(text)) >= 1e4 && !m![2] ? 5 : 4);
    }
  }
  expect(errors).toEqual([]);
});

test('noticed (d): an error banner never covers the 2D map (2D only and both layouts, 1280x800 and 1920x1080)', async ({ page }) => {
  const bad = 'res=3000&samples=abc&tol=0&iterations=-5&opt=nope&unknownKey=1';
  for (const [w, h] of [[1280, 800], [1920, 1080]] as const)
    for (const layout of ['2d', 'both'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await openApp(page, `?play=0&frame=0&layout=${layout}&${bad}`);
      const where = `${layout} at ${w}x${h}`;
      const banner = page.locator('#messages');
      await expect(banner, where).toBeVisible();
      expect((await page.evaluate(() => window.rnnlab.messages())).length, where).toBeGreaterThanOrEqual(5);
      // the map: its whole canvas (title, plot and axes), which holds the plot
      const plot = async () => (await page.locator('#heatmap-host canvas').boundingBox())!;
      const m = await plot();
      expect(m.width, where).toBeGreaterThan(100);
      const b = (await banner.boundingBox())!;
      expect(hits(b, m), `${where}: banner ${JSON.stringify(b)} over the map ${JSON.stringify(m)}`).toBe(false);
      // nor the control panel
      const g = (await page.locator('#gui').boundingBox())!;
      expect(hits(b, g), `${where}: banner over the control panel`).toBe(false);
      if (layout === '2d') {
        // dismissed: the panels move back up, and the map is where it was without a banner
        await banner.getByRole('button', { name: 'dismiss' }).click();
        await expect(banner).toBeHidden();
        await expect.poll(async () => (await plot()).y, where).toBeLessThan(m.y);
      }
    }
});
