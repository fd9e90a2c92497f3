/** Links that reproduce a view. */
import { paramsToQuery } from '../state/url';
import type { Params } from '../state/schema';

/**
 * A URL for this view: every parameter that differs from the defaults, the camera and the
 * iteration shown. `still` asks for still mode; without it the link never does: a running
 * animation opens running, a paused or still view opens paused at its iteration.
 */
export function viewLink(p: Params, frame: number, still: boolean, base: string): string {
  const playing = p.play && !p.still;
  const q: Params = still
    ? { ...p, still: true, frame }
    : playing
      ? { ...p, still: false, frame: -1 }
      : { ...p, still: false, play: false, frame }; // a paused or still view opens paused at its iteration
  const query = paramsToQuery(q);
  return query ? `${base}?${query}` : base;
}
