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
  // on the 3D view, which starts right of the open control panel
  await swipe(page, cdp, [{ x: 400, y: 700 }], [{ x: 600, y: 700 }]);
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

// --- pinch: the camera's distance follows the ratio of the fingers' distances ---------------

/**
 * The live camera distance once the page has handled what was sent: Chromium delivers touch
 * moves with the next animation frame, so this waits two frames before reading.
 */
const camDistance = (page: Page) =>
  page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    return window.rnnlabDebug.camera().distance;
  });

/**
 * Two fingers on a horizontal line about (640, 420) (a point of the 3D view clear of the panel),
 * `d[0]` px apart, moved through the distances `d[1..]` without lifting; the live camera
 * distance after each move.
 */
async function pinchThrough(page: Page, cdp: CDPSession, d: number[]): Promise<number[]> {
  const at = (s: number) => [
    { x: 640 - s / 2, y: 420 },
    { x: 640 + s / 2, y: 420 },
  ];
  await touch(cdp, 'touchStart', at(d[0]));
  const out: number[] = [];
  for (const s of d.slice(1)) {
    await touch(cdp, 'touchMove', at(s));
    out.push(await camDistance(page));
  }
  await touch(cdp, 'touchEnd', []);
  await page.evaluate(() => window.rnnlab.ready());
  return out;
}
const steps = (from: number, to: number, n: number) => Array.from({ length: n + 1 }, (_, i) => from + ((to - from) * i) / n);

test('a pinch zooms by the ratio of the fingers\' distances: distance_new = distance_old * d0/d1 at every move', async ({ page }) => {
  await openApp(page, '?play=0&frame=0');
  const cdp = await page.context().newCDPSession(page);
  const d0 = await camDistance(page);
  expect(d0).toBeCloseTo(5.4, 6);
  // apart, 120 -> 180 px: 1.5 times closer
  const apart = steps(120, 180, 6);
  const got = await pinchThrough(page, cdp, apart);
  got.forEach((g, i) => expect(Math.abs(g / ((d0 * apart[0]) / apart[i + 1]) - 1), `move ${i + 1}`).toBeLessThan(0.005));
  expect(got.at(-1)).toBeCloseTo(3.6, 2);
  // together, 200 -> 100 px: twice as far, from where the last pinch left it
  const together = steps(200, 100, 5);
  const back = await pinchThrough(page, cdp, together);
  back.forEach((g, i) => expect(Math.abs(g / ((3.6 * together[0]) / together[i + 1]) - 1), `move ${i + 1}`).toBeLessThan(0.005));
  const p = await params(page);
  expect(p.cam[2]).toBeCloseTo(7.2, 1);
  expect(p.cam.slice(0, 2)).toEqual([35, 52]); // a symmetric pinch neither orbits nor pans
  expect(p.start).toEqual([-1.5, 2]);
});

test('a pinch stops at the closest and farthest distance without a jump, and turning back zooms at once', async ({ page }) => {
  await openApp(page, '?play=0&frame=0');
  const cdp = await page.context().newCDPSession(page);
  const { minDistance, maxDistance } = { minDistance: 1.5, maxDistance: 20 };
  // 60 -> 240 px (ratio 4: 5.4 / 4 = 1.35 is past the closest 1.5), then back to 120 px in the same gesture
  const out = steps(60, 240, 9);
  const inn = steps(240, 120, 6);
  const got = await pinchThrough(page, cdp, [...out, ...inn.slice(1)]);
  const d = [...out, ...inn.slice(1)];
  // the expected path: each move multiplies the distance by the move's ratio, then clamps
  let want = 5.4;
  const expected = d.slice(1).map((s, i) => (want = Math.min(maxDistance, Math.max(minDistance, (want * d[i]) / s))));
  console.log('pinch in and back:', got.map((g) => g.toFixed(3)).join(' '));
  got.forEach((g, i) => expect(Math.abs(g - expected[i]), `move ${i + 1}: ${g} vs ${expected[i]}`).toBeLessThan(0.01));
  // never closer than the limit, never a step larger than the fingers' own ratio
  for (let i = 0; i < got.length; i++) {
    expect(got[i]).toBeGreaterThanOrEqual(minDistance - 1e-9);
    const before = i === 0 ? 5.4 : got[i - 1];
    expect(Math.abs(Math.log(got[i] / before))).toBeLessThanOrEqual(Math.abs(Math.log(d[i] / d[i + 1])) + 1e-3);
  }
  expect(got[out.length - 2]).toBeCloseTo(minDistance, 6); // the last move out ends at the limit
  expect(got.at(-1)).toBeCloseTo(minDistance * 2, 2); // back to half the fingers' distance: twice the limit
  // and the farthest: 240 -> 30 px from the 3.0 where it was left (ratio 8: 24 is past 20)
  const far = await pinchThrough(page, cdp, steps(240, 30, 7));
  console.log('pinch together:', far.map((g) => g.toFixed(3)).join(' '));
  expect(far.at(-1)).toBeCloseTo(maxDistance, 6);
  for (const g of far) expect(g).toBeLessThanOrEqual(maxDistance + 1e-9);
  expect((await params(page)).cam[2]).toBe(maxDistance);
});

// --- picking the start up: only within the pick radius, then it keeps the finger's offset ----

const START: [number, number] = [1, 2.5];
const TARGET: [number, number] = [0.5, 1.5];

/** Presses at the start's point + `offset`, moves by (TARGET - START) on screen in steps, lifts. */
async function dragFromOffset(page: Page, input: 'touch' | 'mouse', offset: Pt): Promise<{ p: Pt; q: Pt }> {
  const p = await screenOf(page, ...START);
  const q = await screenOf(page, ...TARGET);
  const from = { x: p.x + offset.x, y: p.y + offset.y };
  const to = { x: q.x + offset.x, y: q.y + offset.y };
  if (input === 'touch') await swipe(page, await page.context().newCDPSession(page), [from], [to], 10);
  else {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
    await page.mouse.up();
    await page.evaluate(() => window.rnnlab.ready());
  }
  return { p, q };
}

for (const [input, inside, outside] of [
  ['touch', 20, 60],
  ['mouse', 12, 30],
] as const) {
  test(`${input}: pressing ${inside} px from the start picks it up and it moves by exactly the ${input}'s motion (no jump)`, async ({ page }) => {
    const errors = await openApp(page, `?play=0&frame=0&start=${START.join(',')}`);
    const { q } = await dragFromOffset(page, input, { x: inside, y: 0 });
    const s = (await params(page)).start;
    console.log(`${input} ${inside} px off: start`, s);
    // where the start is drawn now: where the dot was + the motion, not under the finger
    const at = await screenOf(page, ...s);
    expect(Math.hypot(at.x - q.x, at.y - q.y)).toBeLessThan(2);
    expect(Math.abs(s[0] - TARGET[0])).toBeLessThan(0.01);
    expect(Math.abs(s[1] - TARGET[1])).toBeLessThan(0.01);
    expect((await params(page)).cam).toEqual([35, 52, 5.4]);
    expect(errors).toEqual([]);
  });

  test(`${input}: pressing ${outside} px from the start (outside the pick radius) leaves it where it is`, async ({ page }) => {
    await openApp(page, `?play=0&frame=0&start=${START.join(',')}`);
    await dragFromOffset(page, input, { x: outside, y: 0 });
    const p = await params(page);
    expect(p.start).toEqual(START);
    expect(p.cam).not.toEqual([35, 52, 5.4]); // the drag went to the camera: it orbited
  });
}

test('mouse in the 2D map: pressing 8 px from the start picks it up and it moves by exactly the motion (no jump)', async ({ page }) => {
  await openApp(page, `?play=0&frame=0&start=${START.join(',')}`);
  const onMap = (w: readonly [number, number]) => page.evaluate(([a, b]) => window.rnnlab.toScreen(a, b, 'map'), w);
  const p = (await onMap(START))!;
  const q = (await onMap(TARGET))!;
  const off = { x: 0, y: 8 };
  await page.mouse.move(p.x + off.x, p.y + off.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(p.x + off.x + ((q.x - p.x) * i) / 10, p.y + off.y + ((q.y - p.y) * i) / 10);
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  const s = (await params(page)).start;
  const at = (await onMap(s))!;
  expect(Math.hypot(at.x - q.x, at.y - q.y)).toBeLessThan(1);
  expect(Math.abs(s[0] - TARGET[0])).toBeLessThan(0.01);
  expect(Math.abs(s[1] - TARGET[1])).toBeLessThan(0.01);
});
