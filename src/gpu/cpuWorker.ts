/// <reference lib="webworker" />
/** The CPU backend's worker: float64 model code off the main thread, results as float32. */
import { evaluatePoint } from '../model/rnn';
import { surfaceByBptt, surfaceByRows } from '../model/surface';
import type { CpuRequest, CpuResponse } from './cpuProtocol';

function handle(req: CpuRequest): CpuResponse {
  if (req.type === 'surface') {
    const { dataset, range, res, method } = req;
    const grid = method === 'bptt' ? surfaceByBptt(dataset, range, res) : surfaceByRows(dataset, range, res);
    return { id: req.id, type: 'surface', result: grid };
  }
  const results = req.points.map(([wx, wRec]) => {
    const e = evaluatePoint(req.dataset, wx, wRec);
    // Rounded to float32 like the GPU kernel's output.
    return {
      cost: Math.fround(e.cost),
      wxGrad: Math.fround(e.wxGrad),
      wRecGrad: Math.fround(e.wRecGrad),
      gradOverTime: Array.from(e.gradOverTime, Math.fround),
    };
  });
  return { id: req.id, type: 'evaluate', results };
}

self.onmessage = (ev: MessageEvent<CpuRequest>) => {
  try {
    const resp = handle(ev.data);
    const transfer = resp.type === 'surface' ? [resp.result.cost.buffer, resp.result.wxGrad.buffer, resp.result.wRecGrad.buffer] : [];
    (self as unknown as Worker).postMessage(resp, transfer);
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: ev.data.id, type: 'error', message: (e as Error).message } satisfies CpuResponse);
  }
};
