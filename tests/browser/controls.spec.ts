/** The control panel, its fields and messages, links, banners and the keyboard: what a lecturer and a student trip over. */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/** Opens a folder of the control panel unless it is open already (a message may have opened it). */
async function openFolder(page: import('@playwright/test').Page, name: string): Promise<void> {
  const title = page.locator('#gui .lil-title', { hasText: name });
  if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
}

const caption = (page: import('@playwright/test').Page) => page.locator('#caption');

type B = { x: number; y: number; w?: number; h?: number; width?: number; height?: number };
const hits = (a: B, b: B) => {
  const [aw, ah, bw, bh] = [a.w ?? a.width!, a.h ?? a.height!, b.w ?? b.width!, b.h ?? b.height!];
  return a.x < b.x + bw && b.x < a.x + aw && a.y < b.y + bh && b.y < a.y + ah;
};

test('the caption says "explodes" / "vanishes" only for large factors, numbers without padding', async ({ page }) => {
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

test('Rprop explained next to its controls, hover help, step sizes show the x1.2 growth, a true first-step label', async ({ page }) => {
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

test('a bad test sequence is said under its field, the old output goes, the View folder stays closed', async ({ page }) => {
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

test('inputs use a monospace font without contextual alternates (an x stays an x)', async ({ page }) => {
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

test('the message banner can be dismissed and does not cover the status line; "copied" is not an error', async ({ page }) => {
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

test('the copied link does not force still mode; "copy still link" does; still mode can be left from the panel', async ({ page }) => {
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

test('seed, samples and seqLen belong to the random preset; no silent preset switch; switching back clears them; custom rows show as custom', async ({ page }) => {
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

test('a seqLen typed beyond its limit is clamped with the URL\'s message, and the clamped one is drawn', async ({ page }) => {
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

test('a hyperparameter typed beyond its slider is used, beyond its limit clamped with the URL\'s message', async ({ page }) => {
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

test('a start outside the range is marked at the edge with a note, in 3D and in 2D', async ({ page }) => {
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

test('Space toggles play even when a panel control has the focus, but types a space in a text field', async ({ page }) => {
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

test('the start is dragged in the 2D map as in 3D; the help lists every gesture; reset all; the tutorial link', async ({ page }) => {
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

test('seqLen with the tutorial preset is kept but said to be unused, in the banner and beside the Data controls', async ({ page }) => {
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

test('the seed field takes every seed the URL takes (no slider ending at 9999); beyond, the URL\'s message', async ({ page }) => {
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

test('costs in the iteration box have at most 4 significant digits (49.23, not 49.230), as the hover and the legend', async ({ page }) => {
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

test('an error banner never covers the 2D map (2D only and both layouts, 1280x800 and 1920x1080)', async ({ page }) => {
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
