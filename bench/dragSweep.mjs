// node bench/dragSweep.mjs: frame times of a drag of the start with the lr sweep shown (issue 19).
//
// Serves the build (`npx vite build` first; BENCH_OUTDIR: another build, e.g. one from before a
// change) and drags the start on the 2D map of the scene "why one learning rate cannot work"
// (sgd + Rprop, sweep=lr, 65 values) in 40 moves 16 ms apart, DRAG_REPS times (default 3), and
// once more per rep with sweep=off as the yardstick, each on a fresh page after a warm-up drag. Per drag: the time between animation
// frames, from each pointermove to the next frame (median, p90, max), the long tasks' total, and
// how many sweeps started during the drag (the sweep's progress line showing 0%).
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS as args, startPreview } from './preview.mjs';

const PORT = Number(process.env.BENCH_PORT || 4178);
const REPS = Number(process.env.DRAG_REPS || 3);
const MOVES = 40;
const QUERY = 'play=0&frame=0&layout=2d&gui=0&opt=sgd&lr=0.0001&compare=rprop&colorBy=sharpness&plots=sharpness';

let stop = () => {};


const stats = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => +(v[Math.min(v.length - 1, Math.floor(v.length * q))] ?? NaN).toFixed(1);
  return { median: at(0.5), p90: at(0.9), max: at(1) };
};

/** One drag from the tutorial's start to (1, 0.5) on the map; the page's own measurements. */
async function drag(page) {
  const a = await page.evaluate(() => window.rnnlab.toScreen(...window.rnnlab.params().start, 'map'));
  const b = await page.evaluate(() => window.rnnlab.toScreen(1, 0.5, 'map'));
  await page.evaluate(() => {
    const w = window;
    w.__m = { frames: [], latency: [], long: [], sweeps: 0, stop: false };
    let pending = [];
    w.__obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__m.long.push(e.duration)));
    w.__obs.observe({ entryTypes: ['longtask'] });
    w.__onMove ??= () => w.__pending?.push(performance.now());
    w.__pending = pending;
    addEventListener('pointermove', w.__onMove, { capture: true });
    const tick = (t) => {
      w.__m.frames.push(t);
      const now = performance.now();
      w.__pending.forEach((p) => w.__m.latency.push(now - p));
      w.__pending.length = 0;
      if (!w.__m.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const prog = document.querySelector('#sweep-host .sweep-progress');
    w.__mo?.disconnect();
    if (prog) {
      w.__mo = new MutationObserver(() => /: 0%$/.test(prog.textContent) && w.__m.sweeps++);
      w.__mo.observe(prog, { childList: true, characterData: true, subtree: true });
    }
  });
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 1; i <= MOVES; i++) {
    await page.mouse.move(a.x + ((b.x - a.x) * i) / MOVES, a.y + ((b.y - a.y) * i) / MOVES);
    await page.waitForTimeout(16);
  }
  const ms = Date.now() - t0;
  const m = await page.evaluate(() => {
    const w = window;
    w.__m.stop = true;
    w.__obs.disconnect();
    removeEventListener('pointermove', w.__onMove, { capture: true });
    const f = w.__m.frames;
    return { intervals: f.slice(1).map((t, i) => t - f[i]), latency: w.__m.latency, long: w.__m.long, sweeps: w.__m.sweeps };
  });
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  await page.evaluate(() => window.rnnlab.setParams({ start: [-1.5, 2] }));
  await page.evaluate(() => window.rnnlab.ready());
  return { dragMs: ms, frame: stats(m.intervals), moveToFrame: stats(m.latency), longTaskMs: Math.round(m.long.reduce((s, d) => s + d, 0)), sweepsStarted: m.sweeps };
}

try {
  stop = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  console.log('sweep  rep  drag ms  frame interval med/p90/max  pointermove->frame med/p90/max  long tasks ms  sweeps started');
  for (let rep = 0; rep < REPS; rep++)
    for (const sweep of ['lr', 'off']) {
      // one page at a time (two pages' animation loops would share the CPU); a first drag warms it up
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`http://127.0.0.1:${PORT}/?${QUERY}&sweep=${sweep}`);
      await page.waitForFunction(() => 'rnnlab' in window);
      await page.evaluate(() => window.rnnlab.ready());
      await drag(page);
      const r = await drag(page);
      await page.close();
      console.log(`${sweep.padEnd(5)}  ${rep}    ${String(r.dragMs).padStart(6)}  ${[r.frame.median, r.frame.p90, r.frame.max].join(' / ').padStart(26)}  ${[r.moveToFrame.median, r.moveToFrame.p90, r.moveToFrame.max].join(' / ').padStart(30)}  ${String(r.longTaskMs).padStart(13)}  ${r.sweepsStarted}`);
    }
  await browser.close();
} finally {
  stop();
}
