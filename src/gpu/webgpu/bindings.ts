/**
 * A bind group's buffers declared once: their names, in binding order, with how the kernel uses
 * each and its WGSL type. From that one declaration come the WGSL `var` declarations (put into
 * the shader source before it is compiled), the bind group layout, and bind groups filled by name,
 * so host and kernel can never disagree on which buffer is at which binding.
 */
export type BindingUse = 'uniform' | 'read' | 'read_write';
export type BindingSpecs = Readonly<Record<string, readonly [BindingUse, string]>>;

export class BindingLayout<B extends BindingSpecs> {
  private readonly names: (keyof B & string)[];

  constructor(readonly specs: B) {
    this.names = Object.keys(specs);
  }

  /** The WGSL declarations, group 0, bindings in declaration order. */
  wgsl(): string {
    return this.names
      .map((name, i) => {
        const [use, type] = this.specs[name];
        const space = use === 'uniform' ? 'uniform' : `storage, ${use}`;
        return `@group(0) @binding(${i}) var<${space}> ${name}: ${type};`;
      })
      .join('\n');
  }

  /** The bind group layout (compute stage). */
  layout(device: GPUDevice, label: string): GPUBindGroupLayout {
    const type = (use: BindingUse): GPUBufferBindingType => (use === 'uniform' ? 'uniform' : use === 'read' ? 'read-only-storage' : 'storage');
    return device.createBindGroupLayout({
      label,
      entries: this.names.map((name, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: type(this.specs[name][0]) } })),
    });
  }

  /** A bind group with every binding's buffer given by name. */
  group(device: GPUDevice, layout: GPUBindGroupLayout, buffers: Readonly<Record<keyof B & string, GPUBuffer>>): GPUBindGroup {
    return device.createBindGroup({ layout, entries: this.names.map((name, binding) => ({ binding, resource: { buffer: buffers[name] } })) });
  }
}
