/**
 * A lecture fits on one screen: at a laptop's, a projector's, a slide's embed and a tablet's
 * sizes the four figures are on screen together without scrolling, each at least the size asked
 * for, with the caption and the iteration box; the control panel never covers the surface; no
 * two shown texts overlap.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp, VISUAL } from './helpers';

type Box = { x: number; y: number; width: number; height: number };

/** the window, the URL, and the smallest figure (CSS px) */
const SIZES: { name: string; w: number; h: number; query: string; min: [number, number]; touch?: boolean }[] = [
  { name: '1280x800', w: 1280, h: 800, query: '', min: [300, 170] },
  { name: '1920x1080', w: 1920, h: 1080, query: '', min: [420, 240] },
  { name: '1920x1080 presentation', w: 1920, h: 1080, query: '&present=1', min: [420, 240] },
  { name: '1280x720 embed', w: 1280, h: 720, query: '&embed=1', min: [280, 160] },
  { name: '1280x720 embed presentation', w: 1280, h: 720, query: '&embed=1&present=1', min: [280, 160] },
  { name: '1024x768 tablet', w: 1024, h: 768, query: '', min: [240, 140], touch: true },
  { name: '768x1024 portrait tablet', w: 768, h: 1024, query: '', min: [240, 140], touch: true },
];

/** the tutorial's six marked points, the start and the surface's four corners */
const POINTS: [number, number][] = [[2, 1], [1, 2], [1, -2], [1, 0], [1, 0.5], [1, -0.5], [-1.5, 2], [-3, -3], [-3, 3], [3, -3], [3, 3]];

const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** Every point's place on the 3D view lies outside the control panel's box (while the panel is shown). */
async function panelCoversNothing(page: Page, where: string): Promise<number> {
  const panel = page.locator('#gui');
  const box = (await panel.isVisible()) ? await panel.boundingBox() : null;
  let seen = 0;
  for (const [wx, wRec] of POINTS) {
    const p = await page.evaluate(([a, b]) => window.rnnlab.toScreen(a, b, '3d'), [wx, wRec] as [number, number]);
    if (!p) continue;
    seen++;
    if (box) expect(inside(p, box), `${where}: (${wx}, ${wRec}) at ${JSON.stringify(p)} under the panel ${JSON.stringify(box)}`).toBe(false);
  }
  return seen;
}

/** The surface's four corners (drawn on the mesh) lie on the 3D view's canvas: its sides are not cut, however narrow the view. */
async function surfaceInView(page: Page, where: string): Promise<void> {
  const canvas = (await page.locator('#view3d canvas').first().boundingBox())!;
  for (const [wx, wRec] of POINTS.slice(-4)) {
    const p = await page.evaluate(([a, b]) => window.rnnlab.toScreen(a, b, '3d'), [wx, wRec] as [number, number]);
    expect(p, `${where}: the corner (${wx}, ${wRec}) on the 3D view ${JSON.stringify(canvas)}`).not.toBeNull();
    expect(inside(p!, canvas), `${where}: the corner (${wx}, ${wRec}) at ${JSON.stringify(p)} inside ${JSON.stringify(canvas)}`).toBe(true);
  }
}

async function figuresOnScreen(page: Page, w: number, h: number, min: [number, number], where: string): Promise<void> {
  for (const name of ['surface3d', 'map', 'gradients', 'loss']) {
    const b = (await page.locator(`[data-figure=${name}]`).boundingBox())!;
    expect(b, `${where}: ${name} shown`).not.toBeNull();
    expect(b.x, `${where}: ${name} left`).toBeGreaterThanOrEqual(0);
    expect(b.y, `${where}: ${name} top`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${where}: ${name} right ${JSON.stringify(b)}`).toBeLessThanOrEqual(w + 0.5);
    expect(b.y + b.height, `${where}: ${name} bottom ${JSON.stringify(b)}`).toBeLessThanOrEqual(h + 0.5);
    expect(b.width, `${where}: ${name} width`).toBeGreaterThanOrEqual(min[0]);
    expect(b.height, `${where}: ${name} height`).toBeGreaterThanOrEqual(min[1]);
  }
  for (const sel of ['#caption', '#readout']) {
    const b = (await page.locator(sel).boundingBox())!;
    expect(b, `${where}: ${sel}`).not.toBeNull();
    expect(b.y + b.height, `${where}: ${sel} bottom`).toBeLessThanOrEqual(h + 0.5);
    expect(b.x + b.width, `${where}: ${sel} right`).toBeLessThanOrEqual(w + 0.5);
  }
  // nothing scrolled: the page itself does not scroll, and the side column starts at its top
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
}

for (const s of SIZES)
  test.describe(s.name, () => {
    test.use({ viewport: { width: s.w, height: s.h }, hasTouch: s.touch === true });
    test(`${s.name}: the 3D surface, the map, the gradient plot and the loss curve on screen at once, each at least ${s.min[0]}x${s.min[1]}; the panel covers none of the marked points; the surface's corners on the 3D view`, async ({ page }) => {
      const errors = await openApp(page, `?play=0&frame=45${s.query}`);
      await figuresOnScreen(page, s.w, s.h, s.min, s.name);
      await surfaceInView(page, s.name);
      expect(await panelCoversNothing(page, s.name), 'most points are on screen').toBeGreaterThanOrEqual(6);
      // with the panel open (the button, where it is offered): still nothing under it, the figures still fit
      const button = page.locator('#panel-button');
      if (await button.isVisible()) {
        const open = await page.locator('#gui').isVisible();
        if (!open) {
          await button.click();
          await page.evaluate(() => window.rnnlab.ready());
          await expect(page.locator('#gui')).toBeVisible();
        }
        await figuresOnScreen(page, s.w, s.h, [Math.min(240, s.min[0]), Math.min(140, s.min[1])], `${s.name}, panel open`);
        await panelCoversNothing(page, `${s.name}, panel open`);
        await surfaceInView(page, `${s.name}, panel open`);
        // a start far left (wx < -2) is not under the panel either
        await page.evaluate(() => window.rnnlab.setParams({ start: [-2.8, 2.5] }));
        await panelCoversNothing(page, `${s.name}, start at (-2.8, 2.5)`);
      }
      expect(errors).toEqual([]);
    });
  });

/** The boxes of every shown piece of text on the page (each text node's lines), with what it says. */
async function textBoxes(page: Page): Promise<{ text: string; box: Box; owner: string }[]> {
  return page.evaluate(() => {
    const out: { text: string; box: Box; owner: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement!;
      if (!n.textContent!.trim() || e.closest('style, script, select') || !e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      // text in a scrolling column (the side, the panel) counts where that column shows it
      const clip = e.closest('#side, #gui')?.getBoundingClientRect() ?? new DOMRect(-1e9, -1e9, 2e9, 2e9);
      for (const r of range.getClientRects()) {
        const x = Math.max(r.left, clip.left);
        const y = Math.max(r.top, clip.top);
        const width = Math.min(r.right, clip.right) - x;
        const height = Math.min(r.bottom, clip.bottom) - y;
        if (width > 1 && height > 1) out.push({ text: n.textContent!.trim().slice(0, 30), box: { x, y, width, height }, owner: e.id || e.className || e.tagName });
      }
    }
    return out;
  });
}

for (const [name, w, h, query] of [
  ['1920x1080 presentation', 1920, 1080, '&present=1'],
  ['1280x720 embed', 1280, 720, '&embed=1'],
  ['1280x720 embed presentation', 1280, 720, '&embed=1&present=1'],
  ['1280x800', 1280, 800, ''],
] as const)
  test(`${name}: no two shown texts overlap (title bar, labels, readout, caption, legend, panel, link)`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    const errors = await openApp(page, `?play=0&frame=45${query}`);
    const texts = await textBoxes(page);
    expect(texts.length).toBeGreaterThan(20);
    const overlaps: string[] = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i].box, texts[j].box];
        // 1 px of slack: neighbouring lines' boxes touch
        if (a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height)
          overlaps.push(`"${texts[i].text}" (${texts[i].owner}) over "${texts[j].text}" (${texts[j].owner})`);
      }
    expect(overlaps).toEqual([]);
    // every text is inside the window
    const outside = texts.filter((t) => t.box.x < -1 || t.box.y < -1 || t.box.x + t.box.width > w + 1 || t.box.y + t.box.height > h + 1);
    expect(outside.map((t) => `${t.text} ${JSON.stringify(t.box)}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

test('embed at 1280x720: the help fits inside the frame (or scrolls inside it)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const query of ['&embed=1', '&embed=1&present=1']) {
    await openApp(page, `?play=0&frame=45${query}`);
    await page.locator('#view3d canvas').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('?');
    const help = page.locator('#help');
    await expect(help).toBeVisible();
    const b = (await help.boundingBox())!;
    expect(b.y, query).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, query).toBeLessThanOrEqual(720);
    expect(b.x + b.width, query).toBeLessThanOrEqual(1280);
    // all of it can be read: it scrolls where it is taller than the frame
    const [scrollH, clientH, overflow] = await help.evaluate((e) => [e.scrollHeight, e.clientHeight, getComputedStyle(e).overflowY]);
    if (scrollH > clientH + 1) expect(overflow).toBe('auto');
    // the link to the full app overlaps neither the caption nor the readout
    const link = (await page.locator('#embed-link').boundingBox())!;
    for (const sel of ['#caption', '#readout']) {
      const c = (await page.locator(sel).boundingBox())!;
      const hit = link.x < c.x + c.width && c.x < link.x + link.width && link.y < c.y + c.height && c.y < link.y + link.height;
      expect(hit, `${query}: the link over ${sel}`).toBe(false);
    }
  }
});

test('presentation mode starts with the panel folded behind a visible button, which opens and folds it; H does the same', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const errors = await openApp(page, '?play=0&frame=45&present=1');
  const button = page.locator('#panel-button');
  await expect(button).toBeVisible();
  await expect(page.locator('#gui')).toBeHidden();
  const wide = (await page.locator('[data-figure=surface3d]').boundingBox())!;
  await button.click();
  await expect(page.locator('#gui')).toBeVisible();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const gui = (await page.locator('#gui').boundingBox())!;
  // the 3D view makes room: it starts right of the panel
  await expect.poll(async () => (await page.locator('[data-figure=surface3d]').boundingBox())!.x).toBeGreaterThanOrEqual(gui.x + gui.width);
  expect((await page.locator('[data-figure=surface3d]').boundingBox())!.width).toBeLessThan(wide.width);
  await page.keyboard.press('h');
  await expect(page.locator('#gui')).toBeHidden();
  await page.keyboard.press('h');
  await expect(page.locator('#gui')).toBeVisible();
  // leaving presentation mode opens it; the P key back folds it
  await page.keyboard.press('p');
  await expect.poll(() => page.evaluate(() => window.rnnlab.params().present)).toBe(false);
  await expect(page.locator('#gui')).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.locator('#gui')).toBeHidden();
  expect(errors).toEqual([]);
});

test.describe('touch', () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  test('on a tablet a visible button hides and shows the panel (a tap), and the 3D view stays clear of it', async ({ page }) => {
    const errors = await openApp(page, '?play=0&frame=45');
    const button = page.locator('#panel-button');
    await expect(button).toBeVisible();
    // the open panel would leave the 3D view under 400 px: it starts folded
    await expect(page.locator('#gui')).toBeHidden();
    await button.tap();
    await expect(page.locator('#gui')).toBeVisible();
    await page.evaluate(() => window.rnnlab.ready());
    const gui = (await page.locator('#gui').boundingBox())!;
    const view = (await page.locator('[data-figure=surface3d]').boundingBox())!;
    expect(view.x).toBeGreaterThanOrEqual(gui.x + gui.width);
    expect(await panelCoversNothing(page, 'tablet, panel open')).toBeGreaterThanOrEqual(3);
    await button.tap();
    await expect(page.locator('#gui')).toBeHidden();
    expect(errors).toEqual([]);
  });
});

test('the title bar: the scene\'s title and sentence; PageDown / PageUp and the arrows step through the scenes in the list\'s order', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0');
  const title = page.locator('#scene-title');
  const about = page.locator('#scene-about');
  await expect(title).toHaveText('the tutorial');
  await expect(about).toContainText("as in the tutorial's figure 3");
  const scene = () => page.evaluate(() => window.rnnlab.params().compare.map((c) => c.opt).join(';'));
  await page.locator('#view3d canvas').click({ position: { x: 20, y: 200 } });
  await page.keyboard.press('PageDown');
  await expect(title).toHaveText('gradient descent explodes');
  await expect(about).toContainText('plain gradient descent is thrown off the wall');
  expect(await scene()).toBe('sgd;clip');
  await page.keyboard.press('PageDown');
  await expect(title).toHaveText('the Rprop family');
  await page.locator('#scene-next').click();
  await expect(title).toHaveText('Adam against Rprop');
  await page.locator('#scene-next').click();
  await expect(title).toHaveText('why one learning rate cannot work');
  await expect(about).toContainText('no learning rate of sgd converges in 500 iterations');
  await page.locator('#scene-next').click();
  await expect(title).toHaveText('longer sequences, steeper walls');
  await page.locator('#scene-next').click();
  await expect(title).toHaveText("Pascanu's cliff");
  await page.locator('#scene-next').click();
  await expect(title).toHaveText('the plateau');
  await expect(page.locator('#scene-next')).toBeDisabled(); // the last scene
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
  await expect(title).toHaveText('Adam against Rprop');
  await page.keyboard.press('PageUp');
  await expect(title).toHaveText('the Rprop family');
  await page.locator('#scene-prev').click();
  await page.locator('#scene-prev').click();
  await expect(title).toHaveText('the tutorial');
  await expect(page.locator('#scene-prev')).toBeDisabled();
  expect(await scene()).toBe('');
  // settings that are no scene's: the menu's "(choose a lesson)", no sentence; PageDown goes to the first scene
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'sgd' }));
  await expect(title).toHaveText('(choose a lesson)');
  await expect(about).toBeHidden();
  // the menu shows each scene's full name (nothing cut)
  const display = page.locator('#gui .scene-menu .lil-display');
  for (const name of ['the tutorial', 'gradient descent explodes', 'the Rprop family', 'Adam against Rprop']) {
    await page.locator('#gui .scene-menu select').selectOption({ label: name });
    await expect(title).toHaveText(name);
    await expect(display).toHaveText(name);
    expect(await display.evaluate((e) => e.scrollWidth <= e.clientWidth), name).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('presentation mode: the title bar at projector size', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, '?play=0&frame=0&present=1');
  for (const sel of ['#scene-title', '#scene-about', '#panel-button', '#scene-next'])
    expect(parseFloat(await page.locator(sel).evaluate((e) => getComputedStyle(e).fontSize)), sel).toBeGreaterThanOrEqual(20);
});

test('the hover readout goes when a drag of the start ends (it covered the colour bar\'s title)', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&gui=0');
  const s = (await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2, '3d')))!;
  await page.mouse.move(s.x, s.y);
  await page.mouse.down();
  await page.mouse.move(s.x + 20, s.y + 10, { steps: 3 });
  await expect(page.locator('#hover')).toBeVisible();
  await page.mouse.up();
  await expect(page.locator('#hover')).toBeHidden();
});

test('the start field shows -1.960 whole (normal, presentation and touch sizes)', async ({ browser }) => {
  for (const [present, touch] of [[false, false], [true, false], [false, true]] as const) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: touch });
    const page = await context.newPage();
    await openApp(page, `?play=0&frame=0&start=-1.96,2&present=${present ? 1 : 0}`);
    if (!(await page.locator('#gui').isVisible())) await page.locator('#panel-button').click();
    const input = page.locator('#gui .lil-controller', { hasText: 'start wx' }).locator('input').first();
    await input.evaluate((e: HTMLInputElement) => (e.value = '-1.960'));
    expect(await input.evaluate((e: HTMLInputElement) => e.scrollWidth <= e.clientWidth), `present ${present}, touch ${touch}`).toBe(true);
    await context.close();
  }
});

test('baseline: 1920x1080 in presentation mode', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await openApp(page, '?still=1&frame=45&present=1')).toEqual([]);
  await expect(page).toHaveScreenshot('present-1920.png', VISUAL);
});

test('baseline: a 1280x720 embed', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  expect(await openApp(page, '?still=1&frame=45&embed=1')).toEqual([]);
  await expect(page).toHaveScreenshot('embed-1280x720.png', VISUAL);
});

test('still mode: opening or folding the panel redraws the figures it resizes (no animation loop does)', async ({ page }) => {
  expect(await openApp(page, '?still=1&frame=45')).toEqual([]);
  const before = (await page.locator('[data-figure=surface3d]').boundingBox())!;
  await page.locator('#panel-button').click();
  await expect.poll(async () => (await page.locator('[data-figure=surface3d]').boundingBox())!.width).toBeGreaterThan(before.width);
  await page.evaluate(() => window.rnnlab.ready());
  for (const name of ['surface3d', 'map', 'gradients', 'loss']) {
    const png = PNG.sync.read(await page.locator(`[data-figure=${name}]`).screenshot());
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size, `${name} drawn after the resize`).toBeGreaterThan(50);
  }
});
