/**
 * Words for what the engine reports as facts: which backend computes and why, and the atlas's
 * notes (axes float32 cannot resolve on the GPU, an error). No DOM.
 */
import type { AtlasNotes, BackendInfo } from '../engine';
import type { Float32Shortfall } from '../model/atlas';
import { t } from '../i18n';

/** The status line's backend: "WebGPU (adapter)", or the CPU and why. */
export function backendText(b: BackendInfo): string {
  const after = b.lost ? ` ${t('(the GPU device was lost: {reason})', { reason: b.lost })}` : '';
  if (b.kind === 'webgpu') return `WebGPU (${b.adapter ?? 'GPU'})${b.lost ? t(', a new device') + after : ''}`;
  if (b.asked) return t('CPU (float64 in a Web Worker), as asked by backend=cpu');
  // a device lost a second time: the CPU takes over for good
  const reason = b.lostCount > 1 && b.failure !== null ? t('the GPU device was lost {count} times ({reason})', { count: b.lostCount, reason: b.failure }) : (b.failure ?? '');
  return t('CPU fallback (float64 in a Web Worker): {reason}', { reason }) + after;
}

/** One axis float32 cannot resolve, in words. */
export function float32Text(s: Float32Shortfall): string {
  const fmt = (v: number) => v.toPrecision(2);
  return s.log
    ? t('{label}: neighbouring cells differ by a factor 1 + {step}, below what float32 resolves (1 + {resolution})', { label: s.label, step: fmt(s.step), resolution: fmt(s.resolution) })
    : t('{label}: the cells are {step} apart, below what float32 resolves near {value} ({resolution})', { label: s.label, step: fmt(s.step), value: fmt(s.value), resolution: fmt(s.resolution) });
}

/** The atlas panel's note, or null when there is nothing to say. */
export function atlasNoteText(n: AtlasNotes): string | null {
  const parts: string[] = [];
  if (n.float32.length) parts.push(t('Zoomed past float32: {notes}. Neighbouring cells repeat on the GPU; backend=cpu computes in float64.', { notes: n.float32.map(float32Text).join('; ') }));
  if (n.error !== null) parts.push(t('the atlas could not be computed: {reason}', { reason: n.error }));
  return parts.length ? parts.join(' ') : null;
}

/** How many of the atlas's cells the GPU could not resolve in float32 and the CPU finished in float64; null: none. */
export function finishedInFloat64Text(finished: number, cells: number): string | null {
  if (!(finished > 0)) return null;
  return t('{n} of {cells} cells were finished in float64 on the CPU: their float32 steps no longer changed the weights while the cost was above tol (the cliff).', { n: finished, cells });
}
