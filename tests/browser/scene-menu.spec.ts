import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/** A scene's URL names that scene in the menu; other settings show "(choose a lesson)". */
test("the scene menu names the scene whose settings are on screen", async ({ page }) => {
  const select = page.locator('#gui .lil-controller', { has: page.locator('.lil-name', { hasText: /^(scene|課程場景)$/ }) }).locator('select');
  const shown = () => select.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex]?.textContent ?? '');
  expect(await openApp(page, '?compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5')).toEqual([]);
  expect(await shown()).toBe('gradient descent explodes');
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'sgd' }));
  expect(await shown()).toBe('(choose a lesson)');
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'rprop', compare: [] }));
  expect(await shown()).toBe('the tutorial');
  expect(await openApp(page, '?compare=rprop-;irprop-;rprop%2B;irprop%2B&lang=zh-Hant')).toEqual([]);
  expect(await shown()).toBe('Rprop 家族');
});
