// npm run bench (its sigmoid part; alone: node bench/sigmoid.mjs after vite build): the sigmoid
// model (SPEC section 12) on this machine's WebGPU adapter in headless Chromium:
// - a 1024 x 1024 surface (50 steps, E and both gradients by forward-mode derivatives per point)
//   against the linear model's surface at the same size (the tutorial's data; target: within 4x),
//   both without the sharpness; then the sigmoid surface with its sharpness against without;
// - a 128 x 128 Rprop atlas of 300 iterations over the default range, float64 finishing of the
//   cells float32 cannot resolve included (target: within 3 s).
// Prints one JSON object per line. BENCH_ONLY=surface|atlas: one part; BENCH_DIST=<dir>: serve
// another build (an older commit's, to alternate with this one); BENCH_RUNS: surface rounds.
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS as args, startPreview } from './preview.mjs';

const PORT = Number(process.env.BENCH_PORT || 4179);
const RUNS = Number(process.env.BENCH_RUNS || 5);
/** 'surface' or 'atlas': that part alone */
const ONLY = process.env.BENCH_ONLY || '';

// BENCH_DIST (or BENCH_OUTDIR): serve another build (e.g. an older commit's, to alternate with this one)
const stop = await startPreview(PORT);

/**
 * The two surfaces timed alternately, one run of each per round (each after its own untimed
 * warm-up run), so that a busy moment of the shared machine falls on both: medians and the median
 * of the per-round ratios. Both without the sharpness (E and both gradients: the linear model's
 * row method, the sigmoid unit's one dispatch of three outputs). Then the sigmoid surface with its
 * sharpness (a second forward pass of second derivatives per point, what colorBy=sharpness and the
 * stability contour ask for) against the same without, alternated likewise.
 */
async function surfaces(page, adapter) {
  const res = 1024;
  const time = (p, sharpness = false) => page.evaluate(([q, sh]) => window.rnnlabDebug.timeSurface('rows', q, 1, { sharpness: sh }), [p, sharpness]).then((t) => t.ms);
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const linear = { model: 'linear', res, range: [-3, 3, -3, 3] };
  const sigmoid = { model: 'sigmoid', steps: 50, res, range: [-2, 12, -8, 2] };
  const lin = [];
  const sig = [];
  for (let i = 0; i < RUNS; i++) {
    lin.push(await time(linear));
    sig.push(await time(sigmoid));
  }
  const ratio = med(sig.map((v, i) => v / lin[i]));
  console.log(JSON.stringify({ surface: res, backend: adapter, linearMs: +med(lin).toFixed(1), sigmoidMs: +med(sig).toFixed(1), ratio: +ratio.toFixed(2), ratios: sig.map((v, i) => +(v / lin[i]).toFixed(2)), target: 'ratio <= 4' }));
  const plain = [];
  const sharp = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await time(sigmoid));
    sharp.push(await time(sigmoid, true));
  }
  const extra = med(sharp.map((v, i) => v / plain[i]));
  console.log(JSON.stringify({ sigmoidSharpness: res, backend: adapter, withoutMs: +med(plain).toFixed(1), withMs: +med(sharp).toFixed(1), ratio: +extra.toFixed(2), ratios: sharp.map((v, i) => +(v / plain[i]).toFixed(2)) }));
}

try {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`http://127.0.0.1:${PORT}/?backend=webgpu&res=16&still=1&gui=0`);
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  const adapter = await page.evaluate(() => window.rnnlab.backend);
  const res = 1024;
  if (ONLY !== 'atlas') await surfaces(page, adapter);
  if (ONLY !== 'surface') {
  const axis = (a, b, n) => Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
  const req = (n) => ({ params: { model: 'sigmoid' }, mode: 'starts', opt: 'rprop', iterations: 300, tol: 1e-3, xAxis: axis(-2, 12, n), yAxis: axis(-8, 2, n) });
  await page.evaluate((r) => window.rnnlabDebug.atlas(r, { arrays: false }), req(8)); // pipelines and workers
  const all = [];
  const gpu = [];
  let t = null;
  for (let i = 0; i < 3; i++) {
    t = await page.evaluate((r) => window.rnnlabDebug.atlas(r, { arrays: false }), req(128));
    all.push(t.ms);
    gpu.push(t.stats ? Math.round(t.stats.totalMs) : null);
  }
  const ms = [...all].sort((a, b) => a - b)[1];
  console.log(JSON.stringify({ atlas: 128, model: 'sigmoid', opt: 'rprop', iterations: 300, backend: adapter, ms: Math.round(ms), all: all.map(Math.round), finishedInFloat64: t.finishedInFloat64, gpuMs: gpu, target: 'ms <= 3000' }));
  }
  await browser.close();
} finally {
  stop();
}
