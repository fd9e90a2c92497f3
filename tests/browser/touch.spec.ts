/**
 * Touch (a tablet): one finger on the start drags it, one finger elsewhere orbits, two fingers
 * pinch to zoom, a tap plays or pauses. Touches are sent through the DevTools protocol
 * (Input.dispatchTouchEvent), as a touch screen sends them; the context has hasTouch.
 */
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { openApp, screenOf } from './helpers';

test.use({ hasTouch: true });

type Pt = { x: number; y: number };

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: Pt[]): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id, radiusX: 2, radiusY: 2, force: 1 })) });
}

/** Fingers from `from` to `to` (one or two), in steps, then lifted. */
async function swipe(page: Page, cdp: CDPSession, from: Pt[], to: Pt[], steps = 8): Promise<void> {
  await touch(cdp, 'touchStart', from);
  for (let i = 1; i <= steps; i++) {
    const at = from.map((p, j) => ({ x: p.x + ((to[j].x - p.x) * i) / steps, y: p.y + ((to[j].y - p.y) * i) / steps }));
    await touch(cdp, 'touchMove', at);
  }
  await touch(cdp, 'touchEnd', []);
  await page.evaluate(() => window.rnnlab.ready());
}

const params = (page: Page) => page.evaluate(() => window.rnnlab.params());

test('a finger drags the start: it ends where the finger lifted, within one grid cell', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0');
  const cdp = await page.context().newCDPSession(page);
  const target: [number, number] = [0.5, 1];
  const from = await screenOf(page, -1.5, 2);
  const to = await screenOf(page, ...target);
  await swipe(page, cdp, [from], [to], 10);
  const p = await params(page);
  const cell = (p.range[1] - p.range[0]) / (p.res - 1);
  expect(Math.abs(p.start[0] - target[0])).toBeLessThanOrEqual(cell);
  expect(Math.abs(p.start[1] - target[1])).toBeLessThanOrEqual(cell);
  // and the start is drawn under the finger: toScreen of the new start is where the finger lifted
  const at = await screenOf(page, ...p.start);
  expect(Math.hypot(at.x - to.x, at.y - to.y)).toBeLessThan(8);
  // the camera did not move
  expect(p.cam).toEqual([35, 52, 5.4]);
  expect(errors).toEqual([]);
});

test('one finger elsewhere orbits, two fingers pinch to zoom, the start stays', async ({ page }) => {
  await openApp(page, '?play=0&frame=0');
  const cdp = await page.context().newCDPSession(page);
  await swipe(page, cdp, [{ x: 150, y: 700 }], [{ x: 350, y: 700 }]);
  await expect.poll(async () => (await params(page)).cam[0]).not.toBe(35);
  const orbited = await params(page);
  expect(orbited.start).toEqual([-1.5, 2]);
  expect(orbited.cam[2]).toBeCloseTo(5.4, 1);
  // fingers apart: zoom in (the camera comes closer)
  const near = [{ x: 560, y: 420 }, { x: 680, y: 420 }];
  const far = [{ x: 500, y: 420 }, { x: 740, y: 420 }];
  await swipe(page, cdp, near, far);
  await expect.poll(async () => (await params(page)).cam[2]).toBeLessThan(orbited.cam[2] - 0.5);
  const zoomed = await params(page);
  // fingers together: zoom out
  await swipe(page, cdp, far, near);
  await expect.poll(async () => (await params(page)).cam[2]).toBeGreaterThan(zoomed.cam[2] + 0.5);
  expect((await params(page)).start).toEqual([-1.5, 2]);
});

test('a tap plays and pauses; a mouse click does not', async ({ page }) => {
  await openApp(page, '?play=0&frame=5');
  expect((await params(page)).play).toBe(false);
  // a point of the 3D view clear of the control panel, the side column and the overlays
  expect(await page.evaluate(() => document.elementFromPoint(700, 90) === document.querySelector('#view3d canvas'))).toBe(true);
  await page.touchscreen.tap(700, 90);
  await expect.poll(async () => (await params(page)).play).toBe(true);
  await page.touchscreen.tap(700, 90);
  await expect.poll(async () => (await params(page)).play).toBe(false);
  await page.mouse.click(700, 90);
  await page.evaluate(() => window.rnnlab.ready());
  expect((await params(page)).play).toBe(false);
});
