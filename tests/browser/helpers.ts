import type { Page } from '@playwright/test';
import type { SurfaceMethod } from '../../src/gpu/backend';
import type { Params } from '../../src/params';

export interface PlainGrid {
  wx: number[];
  wRec: number[];
  cost: number[];
  wxGrad: number[];
  wRecGrad: number[];
}

/** Opens the app and waits until it is ready; collects console errors into the returned list. */
export async function openApp(page: Page, query = ''): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  return errors;
}

/** A surface by a chosen method on the active backend, as plain arrays (Infinity survives). */
export async function debugSurface(page: Page, method: SurfaceMethod, params: Partial<Params>): Promise<PlainGrid> {
  return page.evaluate(
    async ([m, p]) => {
      const s = await window.rnnlabDebug.surface(m, p);
      return {
        wx: Array.from(s.wx),
        wRec: Array.from(s.wRec),
        cost: Array.from(s.cost),
        wxGrad: Array.from(s.wxGrad),
        wRecGrad: Array.from(s.wRecGrad),
      };
    },
    [method, params] as const,
  );
}
