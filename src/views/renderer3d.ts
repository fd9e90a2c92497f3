/**
 * The 3D view's renderer: three.js WebGPURenderer (which falls back to WebGL2 by itself where
 * WebGPU cannot present), set up for the machine (software rasteriser or GPU), and the wait for
 * the GPU to finish a frame.
 */
import * as THREE from 'three/webgpu';

/** device pixels per CSS pixel of the full frame: devicePixelRatio within 1..3 */
export function fullPixelRatio(): number {
  return Math.max(1, Math.min(3, window.devicePixelRatio || 1));
}

export function createRenderer(software: boolean): THREE.WebGPURenderer {
  // On a software rasteriser (SwiftShader) MSAA and half-float output cost 2.5x the frame time;
  // real GPUs keep both.
  const renderer = new THREE.WebGPURenderer({
    antialias: !software,
    outputBufferType: software ? THREE.UnsignedByteType : THREE.HalfFloatType,
  });
  // sharp at 150% zoom and on high-density screens; baselines are taken at devicePixelRatio 1
  renderer.setPixelRatio(fullPixelRatio());
  renderer.setClearColor(0x10141b);
  return renderer;
}

/** Resolves when the GPU has finished the frames submitted so far (for timing). */
export async function gpuDone(renderer: THREE.WebGPURenderer): Promise<void> {
  const b = renderer.backend as unknown as { device?: GPUDevice; gl?: WebGL2RenderingContext };
  if (b.device) {
    await b.device.queue.onSubmittedWorkDone();
    return;
  }
  const gl = b.gl;
  if (!gl) return;
  // A fence after the frame's commands, polled without blocking the page.
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) {
    gl.finish();
    return;
  }
  gl.flush();
  try {
    for (let i = 0; i < 600; i++) {
      const status = gl.clientWaitSync(sync, 0, 0);
      if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED || status === gl.WAIT_FAILED) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    gl.deleteSync(sync);
  }
}

/** True when the browser draws with a software rasteriser (SwiftShader), by WebGPU or WebGL. */
export async function isSoftwareRenderer(): Promise<boolean> {
  const soft = (s: string | undefined | null) => /swiftshader|llvmpipe|software/i.test(s ?? '');
  try {
    const adapter = await navigator.gpu?.requestAdapter();
    if (adapter) return soft(`${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description} ${adapter.info.device}`);
  } catch {
    // no WebGPU: ask WebGL below
  }
  const gl = document.createElement('canvas').getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  return soft(gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '');
}
