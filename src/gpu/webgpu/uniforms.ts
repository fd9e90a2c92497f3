/**
 * A uniform block declared once: its fields' names and WGSL types, in order. From that one
 * declaration come the WGSL struct (put into the shader source before it is compiled) and the
 * bytes the host writes, filled by name, so the two can never disagree on order or type.
 * Every field is a 4-byte scalar (u32, i32 or f32), so the struct packs without padding.
 */
export type ScalarType = 'u32' | 'i32' | 'f32';
export type UniformFields = Readonly<Record<string, ScalarType>>;

export class UniformLayout<F extends UniformFields> {
  /** the struct's size in bytes, rounded up to 16 (a uniform buffer's binding size) */
  readonly bytes: number;
  private readonly index: Readonly<Record<string, number>>;

  constructor(
    readonly structName: string,
    readonly fields: F,
  ) {
    const names = Object.keys(fields);
    this.index = Object.fromEntries(names.map((n, i) => [n, i]));
    this.bytes = Math.max(16, Math.ceil((names.length * 4) / 16) * 16);
  }

  /** The WGSL struct declaration. */
  wgsl(): string {
    const lines = Object.entries(this.fields).map(([name, type]) => `  ${name}: ${type},`);
    return `struct ${this.structName} {\n${lines.join('\n')}\n}\n`;
  }

  /** A host copy of the block, all zeros. */
  create(): UniformValues<F> {
    return new UniformValues(this, this.index);
  }
}

/** The bytes of one uniform block, set field by field. */
export class UniformValues<F extends UniformFields> {
  readonly data: ArrayBuffer;
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;

  constructor(
    readonly layout: UniformLayout<F>,
    private readonly index: Readonly<Record<string, number>>,
  ) {
    this.data = new ArrayBuffer(layout.bytes);
    this.u32 = new Uint32Array(this.data);
    this.i32 = new Int32Array(this.data);
    this.f32 = new Float32Array(this.data);
  }

  /** Sets these fields (u32/i32 values are whole numbers; f32 values are rounded to float32). */
  set(values: Partial<Record<keyof F, number>>): this {
    for (const name of Object.keys(values) as (keyof F & string)[]) {
      const i = this.index[name];
      if (i === undefined) throw new Error(`uniform block ${this.layout.structName} has no field ${name}`);
      const v = values[name]!;
      const type = this.layout.fields[name];
      if (type === 'f32') this.f32[i] = v;
      else if (type === 'i32') this.i32[i] = v;
      else this.u32[i] = v;
    }
    return this;
  }

  /** Writes the whole block into `buffer` at offset 0 (in queue order). */
  write(queue: GPUQueue, buffer: GPUBuffer): void {
    queue.writeBuffer(buffer, 0, this.data);
  }
}
