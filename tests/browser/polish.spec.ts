/** Issue 12: what a lecturer and a student tripped over. One test (or more) per item. */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

const caption = (page: import('@playwright/test').Page) => page.locator('#caption');

test('item 3: the caption says "explodes" / "vanishes" only for large factors, numbers without padding', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&start=1,1.1');
  await expect(caption(page)).toContainText('2.594× over 10 steps');
  await expect(caption(page)).toContainText('roughly keeps its size');
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
