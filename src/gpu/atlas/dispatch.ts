/**
 * The atlas's dispatches: the grid is cut into bands of cells (their optimiser state lives in a
 * storage buffer) and each band into slices of iterations; every dispatch is sized from the
 * measured throughput to take about `targetMs`, so the GPU process (which also draws the page) is
 * never held for long, progress is reported after each dispatch and a cancelled run stops at the
 * next. Each dispatch is the lean kernel over its cells, then the full kernel over the cells the
 * lean one paused (dispatched indirectly: usually zero workgroups).
 */
import type { AtlasProgress, AtlasSignal } from '../backend';
import type { UniformValues } from '../webgpu/uniforms';
import type { ATLAS_UNIFORMS } from './uniforms';

export const WORKGROUP = 64;
/** cells whose optimiser state is kept at once (16 MiB of state) */
export const BAND_MAX_CELLS = 1 << 18;
const MIN_BAND_CELLS = 4096;
const IN_FLIGHT = 2;
/** the least cell-iterations per dispatch (a few ms here) */
const MIN_WORK = 32768;
const ARGS_RESET = new Uint32Array([0, 1, 1, 0]);

export interface AtlasRunStats {
  dispatches: number;
  /** longest dispatch, submit to done (ms), and the longest after the first two (calibration) */
  maxDispatchMs: number;
  maxSteadyDispatchMs: number;
  /** the median dispatch (a busy machine stretches single ones) */
  medianDispatchMs: number;
  totalMs: number;
}

/** What a run's dispatches use: the two kernels, their bind groups and buffers, the uniforms. */
export interface AtlasPasses {
  device: GPUDevice;
  lean: GPUComputePipeline;
  full: GPUComputePipeline;
  leanGroup: GPUBindGroup;
  fullGroup: GPUBindGroup;
  uniforms: GPUBuffer;
  values: UniformValues<typeof ATLAS_UNIFORMS.fields>;
  /** the indirect dispatch size of the full kernel (written by the lean kernel) and its copy */
  listArgs: GPUBuffer;
  listCount: GPUBuffer;
}

/** The work of a run: cells, evaluations per cell, the cells of a band at most. */
export interface AtlasWork {
  cells: number;
  evals: number;
  bandCells: number;
}

interface InFlight {
  done: Promise<undefined>;
  error: Promise<GPUError | null>;
  work: number;
  submitted: number;
}

/** Submits one dispatch: cells [c0, c1) of the band from band0, iterations [k, k + K). */
function submitDispatch(p: AtlasPasses, band0: number, c0: number, c1: number, k: number, K: number): InFlight {
  const dev = p.device;
  p.values.set({ bandStart: band0, cellStart: c0, cellEnd: c1, kStart: k, kEnd: k + K });
  // (the scope is pushed and popped in one synchronous block: no other work's calls land in it)
  dev.pushErrorScope('validation');
  p.values.write(dev.queue, p.uniforms);
  dev.queue.writeBuffer(p.listArgs, 0, ARGS_RESET);
  const enc = dev.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setBindGroup(0, p.leanGroup);
  pass.setPipeline(p.lean);
  pass.dispatchWorkgroups(Math.ceil((c1 - c0) / WORKGROUP));
  pass.end();
  // the cells the lean kernel paused (usually none: zero workgroups)
  // The full kernel reads the count from a copy: the indirect buffer cannot also be bound.
  enc.copyBufferToBuffer(p.listArgs, 0, p.listCount, 0, 16);
  const pass2 = enc.beginComputePass();
  pass2.setBindGroup(0, p.fullGroup);
  pass2.setPipeline(p.full);
  pass2.dispatchWorkgroupsIndirect(p.listArgs, 0);
  pass2.end();
  dev.queue.submit([enc.finish()]);
  return { done: dev.queue.onSubmittedWorkDone(), error: dev.popErrorScope(), work: (c1 - c0) * K, submitted: performance.now() };
}

/** Sizes the dispatches to about targetMs each, from the measured throughput (kept between runs). */
export class DispatchPacer {
  /** the time one dispatch should take, ms */
  targetMs = 25;
  /** cell-iterations per dispatch, adapted to targetMs after every dispatch */
  work = 20000;

  /**
   * Runs all dispatches of a run; the statistics, or null when `signal` cancelled it.
   * `lostReason` is checked before each dispatch (a lost device throws).
   */
  async run(p: AtlasPasses, w: AtlasWork, lostReason: () => string | null, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasRunStats | null> {
    const stats: AtlasRunStats = { dispatches: 0, maxDispatchMs: 0, maxSteadyDispatchMs: 0, medianDispatchMs: 0, totalMs: 0 };
    const times: number[] = [];
    const total = w.cells * w.evals;
    const inflight: InFlight[] = [];
    const state = { done: 0, lastDone: performance.now() };
    const retire = () => this.retire(inflight.shift()!, stats, times, state).then(() => onProgress?.(state.done, total));
    for (let band0 = 0, band1 = 0; band0 < w.cells; band0 = band1) {
      // a band small enough for several iterations per dispatch (less state traffic), large
      // enough to keep every core busy
      const size = Math.max(MIN_BAND_CELLS, Math.min(w.bandCells, Math.floor(this.work / 32 / WORKGROUP) * WORKGROUP));
      band1 = Math.min(w.cells, band0 + size);
      const bandN = band1 - band0;
      for (let k = 0; k < w.evals; ) {
        // iterations per dispatch for this slice; cells per dispatch follow the adapted size
        const K = Math.max(1, Math.min(w.evals - k, Math.floor(this.work / bandN)));
        for (let c0 = band0, c1 = band0; c0 < band1; c0 = c1) {
          const sub = Math.min(bandN, Math.max(WORKGROUP, Math.floor(this.work / K / WORKGROUP) * WORKGROUP));
          if (signal?.cancelled) return null;
          const lostNow = lostReason();
          if (lostNow) throw new Error(lostNow);
          c1 = Math.min(band1, c0 + sub);
          inflight.push(submitDispatch(p, band0, c0, c1, k, K));
          // Two dispatches in flight: the GPU never waits for this side's round trip.
          while (inflight.length >= IN_FLIGHT) await retire();
        }
        k += K;
      }
    }
    while (inflight.length) await retire();
    if (signal?.cancelled) return null;
    times.sort((a, b) => a - b);
    stats.medianDispatchMs = times[Math.floor(times.length / 2)] ?? 0;
    return stats;
  }

  /** Waits for a dispatch, records its time and sizes the next one from it. */
  private async retire(d: InFlight, stats: AtlasRunStats, times: number[], state: { done: number; lastDone: number }): Promise<void> {
    await d.done;
    const err = await d.error;
    if (err) throw new Error(`WebGPU error in the atlas: ${err.message}`);
    const now = performance.now();
    // its own time: from when it could start (submitted, or the one before it done) to done
    const ms = Math.max(0.05, now - Math.max(d.submitted, state.lastDone));
    state.lastDone = now;
    // the next dispatch's size, scaled toward targetMs (a fixed latency makes small
    // dispatches look slow, so growth is by at most 2x a step)
    // (and never below MIN_WORK: on a busy machine a slow moment must not shrink it to nothing)
    this.work = Math.max(MIN_WORK, Math.min(1e9, d.work * Math.min(2, Math.max(0.25, this.targetMs / ms))));
    stats.maxDispatchMs = Math.max(stats.maxDispatchMs, ms);
    if (stats.dispatches >= 2) stats.maxSteadyDispatchMs = Math.max(stats.maxSteadyDispatchMs, ms);
    stats.dispatches++;
    times.push(ms);
    state.done += d.work;
  }
}
