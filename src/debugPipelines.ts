/**
 * Debug only (rnnlabDebugFlags.failPipelines, src/debug.ts): compute pipelines whose label starts
 * with a prefix fail to build, as a WGSL compile or pipeline error would, so that the suite can
 * see the app report such a failure (rnnlab.ready() rejects, the page says why).
 */
export function failPipelines(prefix: string): void {
  if (typeof GPUDevice === 'undefined') return;
  const proto = GPUDevice.prototype;
  const build = proto.createComputePipelineAsync;
  proto.createComputePipelineAsync = function (this: GPUDevice, d: GPUComputePipelineDescriptor): Promise<GPUComputePipeline> {
    if (!(d.label ?? '').startsWith(prefix)) return build.call(this, d);
    const message = `the pipeline "${d.label}" failed to build (forced by rnnlabDebugFlags.failPipelines)`;
    return Promise.reject(typeof GPUPipelineError === 'function' ? new GPUPipelineError(message, { reason: 'validation' }) : new Error(message));
  };
}
