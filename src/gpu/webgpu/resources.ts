/**
 * WebGPU resources shared by the surface kernels (src/gpu/webgpuBackend.ts) and the atlas
 * (src/gpu/webgpuAtlas.ts): a pool of named buffers reused across calls and grown when needed,
 * and a queue that runs asynchronous GPU work one piece at a time, in call order.
 */

/** Buffers by name, each at least the size last asked for (rounded up to 16 bytes). */
export class BufferPool {
  private readonly buffers = new Map<string, { buffer: GPUBuffer; bytes: number }>();

  /** `label` prefixes each buffer's label (seen in WebGPU error messages). */
  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
  ) {}

  /** A buffer of at least `bytes`, reused across calls, replaced by a larger one when needed. */
  buffer(name: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const old = this.buffers.get(name);
    if (old && old.bytes >= size) return old.buffer;
    old?.buffer.destroy();
    const buffer = this.device.createBuffer({ size, usage, label: this.label ? `${this.label} ${name}` : name });
    this.buffers.set(name, { buffer, bytes: size });
    return buffer;
  }

  /** A storage buffer that can also be written and copied from. */
  storage(name: string, bytes: number): GPUBuffer {
    return this.buffer(name, bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
  }

  /**
   * Copies each [buffer, bytes] into the pool's one staging buffer, submits the encoder, and
   * reads them back into one fresh ArrayBuffer (one allocation: on a CPU adapter, fresh memory
   * costs more than the copy).
   */
  async readBack(src: [GPUBuffer, number][], encoder: GPUCommandEncoder): Promise<Float32Array[]> {
    const offsets: number[] = [];
    let total = 0;
    for (const [, bytes] of src) {
      offsets.push(total);
      total += Math.ceil(bytes / 16) * 16;
    }
    const staging = this.buffer('staging', total, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    src.forEach(([b, bytes], i) => encoder.copyBufferToBuffer(b, 0, staging, offsets[i], Math.ceil(bytes / 16) * 16));
    this.device.queue.submit([encoder.finish()]);
    const host = new Float32Array(total / 4);
    await staging.mapAsync(GPUMapMode.READ, 0, total);
    host.set(new Float32Array(staging.getMappedRange(0, total)));
    staging.unmap();
    return src.map(([, bytes], i) => host.subarray(offsets[i] / 4, (offsets[i] + bytes) / 4));
  }

  dispose(): void {
    for (const b of this.buffers.values()) b.buffer.destroy();
    this.buffers.clear();
  }
}

/** Runs work one piece at a time, in call order; a failed piece does not stop the next. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
