/** The visualizer as a user drives it, with WebGPU compute and rendering. */
import { expect, test } from '@playwright/test';
import { colourAt, distinctColours, isHighColour, isLowColour } from './pixels';
import { dragBetween, openApp, screenOf } from './helpers';


test('the 3D surface and the 2D panels are drawn, low cost dark and high cost yellow', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&gui=0');
  expect(await distinctColours(page, '#view3d canvas')).toBeGreaterThan(200);
  expect(await distinctColours(page, '#heatmap-host canvas')).toBeGreaterThan(100);
  expect(await distinctColours(page, '#gradplot-host canvas')).toBeGreaterThan(20);
  const low = await screenOf(page, 2.6, 0.3);
  const high = await screenOf(page, 2.6, 2.9);
  expect(isLowColour(await colourAt(page, low.x, low.y)), `low: ${await colourAt(page, low.x, low.y)}`).toBe(true);
  expect(isHighColour(await colourAt(page, high.x, high.y)), `high: ${await colourAt(page, high.x, high.y)}`).toBe(true);
  // the same in the 2D heatmap
  await page.evaluate(() => window.rnnlab.setParams({ layout: '2d' }));
  const low2 = await screenOf(page, 2.6, 0.3);
  const high2 = await screenOf(page, 2.6, 2.9);
  expect(isLowColour(await colourAt(page, low2.x, low2.y))).toBe(true);
  expect(isHighColour(await colourAt(page, high2.x, high2.y))).toBe(true);
  await expect(page.locator('#status')).toContainText('render: WebGPU');
  expect(errors).toEqual([]);
});

test('dragging the start marker to toScreen(1.5, 0.5) restarts Rprop from there', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0');
  await dragBetween(page, [-1.5, 2], [1.5, 0.5], 3);
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  const cell = 6 / 255; // one grid cell at res 256 over [-3, 3]
  expect(Math.abs(traj[0][0] - 1.5)).toBeLessThanOrEqual(cell);
  expect(Math.abs(traj[0][1] - 0.5)).toBeLessThanOrEqual(cell);
  expect(traj.length).toBe(501);
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.play).toBe(true); // release restarts the animation
  expect(page.url()).toContain('start=');
  // the camera did not orbit while the marker was dragged
  expect(p.cam).toEqual([35, 52, 5.4]);
  expect(errors).toEqual([]);
});

test('dragging elsewhere orbits the camera and leaves the start alone', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&gui=0');
  const box = (await page.locator('#view3d canvas').boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + box.height - 80);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + box.height - 80, { steps: 3 });
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  expect(page.url()).toMatch(/cam=/);
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.start).toEqual([-1.5, 2]);
});

test('GUI changes update the URL and recompute', async ({ page }) => {
  const errors = await openApp(page, '?play=0');
  const iterations = page.locator('#gui .lil-controller', { hasText: 'iterations' }).locator('input');
  await iterations.fill('100');
  await iterations.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  await expect.poll(() => page.url()).toContain('iterations=100');
  expect((await page.evaluate(() => window.rnnlab.trajectory())).length).toBe(101);

  const before = await page.evaluate(async () => (await window.rnnlab.surface()).cost[1000]);
  await page.locator('#gui .lil-title', { hasText: 'Data' }).click();
  await page.locator('#gui .lil-controller', { hasText: 'preset' }).locator('select').selectOption('random');
  await page.evaluate(() => window.rnnlab.ready());
  await expect.poll(() => page.url()).toContain('preset=random');
  const after = await page.evaluate(async () => (await window.rnnlab.surface()).cost[1000]);
  expect(after).not.toBe(before);

  await page.locator('#gui .lil-title', { hasText: 'View' }).click();
  await page.locator('#gui .lil-controller', { hasText: 'layout' }).locator('select').selectOption({ label: '3D only' });
  await expect.poll(() => page.url()).toContain('layout=3d');
  await expect(page.locator('#side')).toBeHidden();
  expect(errors).toEqual([]);
});

test('loading a URL restores the controls', async ({ page }) => {
  const errors = await openApp(page, '?iterations=123&start=0.5,-1&range=-2,2,-2,2&res=64&preset=random&seed=7&layout=3d&speed=30');
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.iterations).toBe(123);
  expect(p.start).toEqual([0.5, -1]);
  expect(p.range).toEqual([-2, 2, -2, 2]);
  expect(p.preset).toBe('random');
  const value = (name: string) => page.locator('#gui .lil-controller', { hasText: name }).first().locator('input, select').first();
  await expect(value('iterations')).toHaveValue('123');
  await expect(value('start wx')).toHaveValue('0.5');
  await expect(value('start wRec')).toHaveValue('-1');
  await expect(value('seed')).toHaveValue('7');
  await expect(value('speed')).toHaveValue('30');
  await expect(value('wx min')).toHaveValue('-2');
  await expect(page.locator('#side')).toBeHidden();
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  expect(traj[0]).toEqual([0.5, -1]);
  expect(traj.length).toBe(124);
  expect((await page.evaluate(() => window.rnnlab.surface())).wx.length).toBe(64);
  expect(errors).toEqual([]);
});

test('keyboard shortcuts: space, arrows, R, H and ?', async ({ page }) => {
  await openApp(page, '?play=0&frame=10');
  const params = () => page.evaluate(() => window.rnnlab.params());
  await page.locator('body').press('ArrowRight');
  expect((await params()).frame).toBe(11);
  await page.locator('body').press('ArrowLeft');
  await page.locator('body').press('ArrowLeft');
  expect((await params()).frame).toBe(9);
  await page.locator('body').press(' ');
  expect((await params()).play).toBe(true);
  await page.locator('body').press(' ');
  expect((await params()).play).toBe(false);
  await page.locator('body').press('r');
  expect((await params()).play).toBe(true);
  expect((await params()).frame).toBe(-1);
  await expect(page.locator('#gui')).toBeVisible();
  // H folds the panel behind the title bar's button (the page keeps gui=1), and opens it again
  await page.locator('body').press('h');
  await expect(page.locator('#gui')).toBeHidden();
  await expect(page.locator('#app')).toHaveAttribute('data-panel', 'folded');
  await page.locator('body').press('h');
  await expect(page.locator('#gui')).toBeVisible();
  await page.locator('body').press('?');
  await expect(page.locator('#help')).toBeVisible();
  await expect(page.locator('#help')).toContainText('full screen');
  await page.locator('body').press('Escape');
  await expect(page.locator('#help')).toBeHidden();
});

test('invalid URL input: clear messages, sane clamps, no console error, still drawn', async ({ page }) => {
  const errors = await openApp(page, '?res=abc&range=3,-3,0,1&samples=9999&preset=random&start=1,x&data=0102&zoom=huge');
  const msgs = await page.evaluate(() => window.rnnlab.messages());
  expect(msgs.join('\n')).toMatch(/res: "abc" is not a number/);
  expect(msgs.join('\n')).toMatch(/range: each minimum must be below its maximum/);
  expect(msgs.join('\n')).toMatch(/samples: 9999 clamped to 256/);
  expect(msgs.join('\n')).toMatch(/start: .* must be two numbers/);
  expect(msgs.join('\n')).toMatch(/data: row 1 .*"2": only 0 and 1/);
  expect(msgs.join('\n')).toMatch(/zoom: "huge" is not one of/);
  await expect(page.locator('#messages')).toBeVisible();
  await expect(page.locator('#messages')).toContainText('clamped to 256');
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.res).toBe(256);
  expect(p.samples).toBe(256);
  expect(p.range).toEqual([-3, 3, -3, 3]);
  expect(await distinctColours(page, '#view3d canvas')).toBeGreaterThan(200);
  expect(errors).toEqual([]);
});

test('invalid typed rows: a message next to the control, the last good state stays', async ({ page }) => {
  const errors = await openApp(page, '?play=0');
  const before = await page.evaluate(() => window.rnnlab.trajectory());
  await page.locator('#gui .lil-title', { hasText: 'Data' }).click();
  await page.locator('#rows').fill('0110\n01x1');
  await page.locator('#rows-apply').click();
  const dataMessage = page.locator('#gui .gui-message:not([hidden])');
  await expect(dataMessage).toHaveCount(1);
  await expect(dataMessage).toContainText('row 2');
  await expect(dataMessage).toContainText('only 0 and 1');
  expect(await page.evaluate(() => window.rnnlab.trajectory())).toEqual(before);
  // and good rows are taken
  await page.locator('#rows').fill('0110\n0111\n1111');
  await page.locator('#rows-apply').click();
  await page.evaluate(() => window.rnnlab.ready());
  await expect(dataMessage).toHaveCount(0);
  expect((await page.evaluate(() => window.rnnlab.params())).data).toBe('0110,0111,1111');
  expect(page.url()).toContain('data=0110,0111,1111');
  expect(errors).toEqual([]);
});

test('the panels: gradient check, try the model, caption', async ({ page }) => {
  await openApp(page, '?play=0&frame=500');
  await expect(page.locator('#gradcheck')).toContainText('pass');
  await page.locator('#test-input').fill('111');
  await expect(page.locator('#test-output')).toContainText('target 3');
  await expect(page.locator('#test-output')).toContainText('output 3.00');
  await expect(page.locator('#caption')).toContainText('it roughly keeps its size');
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, 2], iterations: 0 }));
  await expect(page.locator('#caption')).toContainText('grows 2× per step back in time (1024× over 10 steps): it explodes');
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, -0.5] }));
  await expect(page.locator('#caption')).toContainText('sign alternates');
});

test('a burst of slider changes computes the newest values, not a queue of stale ones', async ({ page }) => {
  await openApp(page, '?still=1&gui=0');
  const result = await page.evaluate(async () => {
    const before = window.rnnlabDebug.computations();
    const pending: Promise<void>[] = [];
    for (let i = 1; i <= 20; i++) pending.push(window.rnnlab.setParams({ res: 100 + i, start: [-1.5 + 0.01 * i, 2] }));
    await Promise.all(pending);
    const s = await window.rnnlab.surface();
    const t = await window.rnnlab.trajectory();
    return { runs: window.rnnlabDebug.computations() - before, res: s.wx.length, start: t[0] };
  });
  expect(result.res).toBe(120);
  expect(result.start[0]).toBeCloseTo(-1.3, 12);
  expect(result.runs).toBeLessThanOrEqual(3);
});

test('hover readout and the F shortcut', async ({ page }) => {
  await openApp(page, '?play=0&gui=0');
  const p = await screenOf(page, 2, 0.5);
  await page.mouse.move(p.x, p.y);
  await expect(page.locator('#hover')).toBeVisible();
  await expect(page.locator('#hover')).toContainText(/wx 2\.\d+\s+wRec 0\.\d+\s+cost \d/);
  await page.locator('body').press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.locator('body').press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
});
