/**
 * A compute pipeline that fails to build (a WGSL or pipeline error) is reported: rnnlab.ready()
 * and setParams() reject with the reason instead of waiting for a frame that never comes, and
 * the page says it. The failure is forced with the debug flag rnnlabDebugFlags.failPipelines
 * (src/debugPipelines.ts): the sigmoid unit's kernels fail, the linear RNN's build.
 */
import { expect, test, type Page } from '@playwright/test';

/** How a promise of the page settles within 60 s: 'resolved', 'rejected: <message>' or 'pending'. */
async function settles(page: Page, call: 'ready' | 'sigmoid' | 'linear'): Promise<string> {
  return page.evaluate(async (c) => {
    const p = c === 'ready' ? window.rnnlab.ready() : window.rnnlab.setParams({ model: c });
    const timeout = new Promise<string>((r) => setTimeout(() => r('pending'), 60_000));
    return Promise.race([p.then(() => 'resolved', (e: Error) => `rejected: ${e.message}`), timeout]);
  }, call);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => ((window as unknown as { rnnlabDebugFlags: object }).rnnlabDebugFlags = { failPipelines: 'sigmoid' }));
});

test('a pipeline that fails on the first computation: ready() rejects with the reason and the page says it', async ({ page }) => {
  await page.goto('/?model=sigmoid&play=0');
  await page.waitForFunction(() => 'rnnlab' in window);
  expect(await settles(page, 'ready')).toMatch(/^rejected: could not compute: .*"sigmoid [a-z]+" failed to build/);
  // still on WebGPU: the kernels' failure, not a missing adapter
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  await expect(page.locator('#messages')).toContainText('could not compute');
  await expect(page.locator('#messages')).toContainText('failed to build');
});

test('a pipeline that fails later: setParams() and ready() reject, the page says it, and a model that computes settles them again', async ({ page }) => {
  await page.goto('/?play=0');
  await page.waitForFunction(() => 'rnnlab' in window);
  expect(await settles(page, 'ready')).toBe('resolved');
  await expect(page.locator('#messages')).not.toContainText('could not compute');
  expect(await settles(page, 'sigmoid')).toMatch(/^rejected: could not compute: .*failed to build/);
  expect(await settles(page, 'ready')).toMatch(/^rejected: could not compute/);
  await expect(page.locator('#messages')).toContainText('could not compute');
  expect(await settles(page, 'linear')).toBe('resolved');
  expect(await settles(page, 'ready')).toBe('resolved');
  await expect(page.locator('#messages')).not.toContainText('could not compute');
});
