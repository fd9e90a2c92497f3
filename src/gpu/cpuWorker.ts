/// <reference lib="webworker" />
/**
 * The CPU backend's worker: float64 model code off the main thread, results as float32.
 * The same script serves the atlas workers (several, one per core): an 'atlasSetup' message
 * describes a run, then 'atlasRows' messages compute bands of its rows.
 */
import { computeAtlasRows, createAtlasOutput, runAtlasCell, type AtlasOutput, type AtlasRequest } from '../model/atlas';
import { evaluatorOf } from '../model/costModel';
import { OptimiserState } from '../model/optimisers';
import { HYPER_DEFAULTS } from '../model/optimiserSpec';
import type { Dataset } from '../model/dataset';
import { evaluatePoint } from '../model/rnn';
import { surfaceByBptt, surfaceByRows } from '../model/surface';
import { RESUME_FIELDS, type AtlasSetup, type CpuRequest, type CpuResponse } from './cpuProtocol';
import { modelEvaluator, modelOf } from '../model/models';
import type { CostEvaluator, ModelConfig } from '../model/models/types';
import { hessianFields, modelSurfaceSharpness, pointHessian, surfaceSharpness } from '../model/lesson/surfaceSharpness';

/** A model other than the linear RNN (whose own paths stay as they are), or null. */
function otherModel(cfg: ModelConfig | undefined): ModelConfig | null {
  return cfg && cfg.name !== 'linear' ? cfg : null;
}

let atlas: { runId: number; dataset: Dataset | CostEvaluator; req: AtlasRequest; out: AtlasOutput } | null = null;

function handle(req: CpuRequest): CpuResponse {
  if (req.type === 'surface') {
    const { dataset, range, res, method } = req;
    const other = otherModel(req.model);
    // (the sharpness comes from a 'sharpness' request beside it: CpuBackend.surfaceSharpness, on a worker of its own)
    const grid = other
      ? modelOf(other.name).surface(other.params, dataset, range, res)
      : method === 'bptt' ? surfaceByBptt(dataset, range, res) : surfaceByRows(dataset, range, res);
    return { id: req.id, type: 'surface', result: grid };
  }
  if (req.type === 'sharpness') {
    const other = otherModel(req.model);
    const sharpness = other
      ? modelSurfaceSharpness(modelOf(other.name), other.params, req.dataset, req.range, req.res)
      : surfaceSharpness(req.dataset, req.range, req.res);
    return { id: req.id, type: 'sharpness', sharpness };
  }
  if (req.type === 'atlasCells') {
    if (!atlas || atlas.runId !== req.runId) throw new Error(`atlas run ${req.runId} was not set up in this worker`);
    const cells = req.resume ? resumedCells(atlas.dataset, atlas.req, req.resume) : atlasCells(atlas.dataset, atlas.req, req.cells);
    return { id: req.id, type: 'atlasCells', ...cells };
  }
  if (req.type === 'atlasRows') {
    if (!atlas || atlas.runId !== req.runId) throw new Error(`atlas run ${req.runId} was not set up in this worker`);
    const cols = atlas.req.xAxis.length;
    computeAtlasRows(atlas.dataset, atlas.req, req.rowStart, req.rowEnd, atlas.out);
    const a = req.rowStart * cols;
    const b = req.rowEnd * cols;
    return {
      id: req.id,
      type: 'atlasRows',
      finalCost: Float32Array.from(atlas.out.finalCost.subarray(a, b)),
      convergedAt: atlas.out.convergedAt.slice(a, b),
      divergedAt: atlas.out.divergedAt.slice(a, b),
    };
  }
  const other = otherModel(req.model);
  const results = req.points.map(([wx, wRec]) => {
    const e = other ? modelOf(other.name).evaluatePoint(other.params, req.dataset, wx, wRec) : evaluatePoint(req.dataset, wx, wRec);
    // Rounded to float32 like the GPU kernel's output.
    return {
      cost: Math.fround(e.cost),
      wxGrad: Math.fround(e.wxGrad),
      wRecGrad: Math.fround(e.wRecGrad),
      gradOverTime: Array.from(e.gradOverTime, Math.fround),
      ...(other ? hessianFields(modelOf(other.name).hessian(other.params, req.dataset, wx, wRec)) : pointHessian(req.dataset, wx, wRec)),
    };
  });
  return { id: req.id, type: 'evaluate', results };
}

/** Each listed cell as a 1 x 1 atlas of its own axis values: exactly the cell's run of the whole grid. */
function atlasCells(d: Dataset | CostEvaluator, req: AtlasRequest, cells: Int32Array): { finalCost: Float32Array; convergedAt: Int32Array; divergedAt: Int32Array } {
  const cols = req.xAxis.length;
  const one = createAtlasOutput(1, 1, 'float64');
  const out = { finalCost: new Float32Array(cells.length), convergedAt: new Int32Array(cells.length), divergedAt: new Int32Array(cells.length) };
  cells.forEach((cell, i) => {
    const sub: AtlasRequest = { ...req, xAxis: Float64Array.of(req.xAxis[cell % cols]), yAxis: Float64Array.of(req.yAxis[Math.floor(cell / cols)]) };
    computeAtlasRows(d, sub, 0, 1, one);
    out.finalCost[i] = one.finalCost[0];
    out.convergedAt[i] = one.convergedAt[0];
    out.divergedAt[i] = one.divergedAt[0];
  });
  return out;
}

/**
 * Cells resumed where the WebGPU atlas's float32 run stopped (RESUME_FIELDS numbers each: the
 * iteration, the weights, Delta and the previous signs), run in float64 to the end ('starts' mode:
 * every cell has the request's hyperparameters).
 */
function resumedCells(d: Dataset | CostEvaluator, req: AtlasRequest, resume: Float64Array): { finalCost: Float32Array; convergedAt: Int32Array; divergedAt: Int32Array } {
  const n = resume.length / RESUME_FIELDS;
  const model = evaluatorOf(d);
  const state = new OptimiserState(req.opt, { ...HYPER_DEFAULTS, ...req.hyper });
  const cg = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  const one = createAtlasOutput(1, 1, 'float64');
  const out = { finalCost: new Float32Array(n), convergedAt: new Int32Array(n), divergedAt: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const [k, wx, wRec, d0, d1, s0, s1] = resume.subarray(i * RESUME_FIELDS, (i + 1) * RESUME_FIELDS);
    state.resume(k, wx, wRec, [d0, d1], [s0, s1]);
    runAtlasCell(model, state, req.iterations, req.tol, cg, one, 0, k);
    out.finalCost[i] = one.finalCost[0];
    out.convergedAt[i] = one.convergedAt[0];
    out.divergedAt[i] = one.divergedAt[0];
  }
  return out;
}

function transferables(resp: CpuResponse): Transferable[] {
  if (resp.type === 'surface') {
    const r = resp.result;
    return [r.cost.buffer, r.wxGrad.buffer, r.wRecGrad.buffer, ...(r.sharpness ? [r.sharpness.buffer] : [])];
  }
  if (resp.type === 'sharpness') return [resp.sharpness.buffer];
  if (resp.type === 'atlasRows' || resp.type === 'atlasCells') return [resp.finalCost.buffer, resp.convergedAt.buffer, resp.divergedAt.buffer];
  return [];
}

self.onmessage = (ev: MessageEvent<CpuRequest | AtlasSetup>) => {
  const msg = ev.data;
  if (msg.type === 'atlasSetup') {
    const { xAxis, yAxis } = msg.req;
    const cells = xAxis.length * yAxis.length;
    // the full-grid output is kept while its size fits (computeAtlasRows writes rows in place)
    const out = atlas && atlas.out.divergedAt.length === cells ? atlas.out : createAtlasOutput(xAxis.length, yAxis.length);
    const other = otherModel(msg.model);
    atlas = { runId: msg.runId, dataset: other ? modelEvaluator(other, msg.dataset) : msg.dataset, req: msg.req, out };
    return;
  }
  try {
    const resp = handle(msg);
    (self as unknown as Worker).postMessage(resp, transferables(resp));
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: msg.id, type: 'error', message: (e as Error).message } satisfies CpuResponse);
  }
};
