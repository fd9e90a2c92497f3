/**
 * The animation's clock: one clock, in iterations, for every run. Which iteration is shown
 * follows from the params (still, play, frame) and the clock.
 */
import type { Params } from '../state/schema';

export class Playback {
  /** the animation's clock, in iterations */
  clock = 0;
  private lastTime = performance.now();

  /** The iteration shown, in 0..last. */
  frame(p: Params, last: number): number {
    const f = p.still || !p.play ? (p.frame >= 0 ? p.frame : p.still ? last : Math.floor(this.clock)) : Math.floor(this.clock);
    return Math.min(last, Math.max(0, f));
  }

  /** Advances the clock to `now`; true when the shown iteration changed, 'end' when it reached the last one. */
  advance(now: number, p: Params, last: number, paused: boolean): boolean | 'end' {
    const dt = Math.min(0.1, (now - this.lastTime) / 1000);
    this.lastTime = now;
    if (p.still || !p.play || paused) return false;
    const before = Math.floor(this.clock);
    this.clock = Math.min(last, this.clock + dt * p.speed);
    if (this.clock >= last) return 'end';
    return Math.floor(this.clock) !== before;
  }
}
