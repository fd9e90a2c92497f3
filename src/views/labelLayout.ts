/**
 * Keeps the 3D view's HTML labels readable: inside the view, clear of the control panel, and
 * clear of each other. Run after every CSS2DRenderer pass; it only sets each label's CSS
 * `translate` (which adds to the renderer's `transform`) and its visibility, so it never fights
 * the renderer. Deterministic: the same labels at the same places give the same result.
 */

/** Higher first: these keep their place, the others move or give way. */
const PRIORITY: readonly string[] = ['start', 'exit', 'point', 'valley', 'line', 'axis', 'tick'];

function priority(e: HTMLElement): number {
  if (e.classList.contains('return')) return 1; // a run's note, as its exits
  const i = PRIORITY.findIndex((c) => e.classList.contains(c));
  return i < 0 ? PRIORITY.length : i;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 2;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/**
 * Lays the labels in `layer` out. `bounds` is the view (client coordinates); `avoid` the
 * rectangles nothing may cover (the control panel). A label that cannot be placed is hidden,
 * lowest priority first; the start's and a run's notes are moved, never hidden.
 */
export function fitLabels(layer: HTMLElement, bounds: DOMRect, avoid: readonly DOMRect[]): void {
  const labels = [...layer.querySelectorAll<HTMLElement>('.label')].filter((e) => e.style.display !== 'none');
  for (const e of labels) {
    e.style.translate = '';
    e.style.visibility = '';
  }
  const measured = labels.map((e) => {
    const r = e.getBoundingClientRect();
    return { e, box: { x: r.left, y: r.top, w: r.width, h: r.height }, p: priority(e) };
  });
  measured.sort((a, b) => a.p - b.p);
  const placed: Box[] = avoid.map((r) => ({ x: r.left, y: r.top, w: r.width, h: r.height }));
  // the axes (data-axis) whose title gave way: their ticks go with it (titles are placed first),
  // so that no lone number floats about without the axis it belongs to
  const untitled = new Set<string>();
  for (const { e, box, p } of measured) {
    if (box.w === 0 && box.h === 0) continue;
    const axis = e.dataset.axis;
    if (axis && e.classList.contains('tick') && untitled.has(axis)) {
      e.style.visibility = 'hidden';
      continue;
    }
    // inside the view
    let dx = Math.min(0, bounds.right - 4 - (box.x + box.w));
    dx = Math.max(dx, bounds.left + 4 - box.x);
    let dy = Math.min(0, bounds.bottom - 4 - (box.y + box.h));
    dy = Math.max(dy, bounds.top + 4 - box.y);
    // a tick moved away from its tick mark would name the wrong place: it gives way instead
    if ((dx !== 0 || dy !== 0) && e.classList.contains('tick')) {
      e.style.visibility = 'hidden';
      continue;
    }
    const at = (ox: number, oy: number): Box => ({ x: box.x + dx + ox, y: box.y + dy + oy, w: box.w, h: box.h });
    // try where it is, then nudged up or down past what it hits, then (important labels) further
    const tries: [number, number][] = [[0, 0]];
    const step = box.h + GAP;
    // ticks stay at their tick marks (or give way); other labels may move a little
    if (!e.classList.contains('tick')) for (let k = 1; k <= (p <= 1 ? 12 : 2); k++) tries.push([0, -k * step], [0, k * step]);
    if (p <= 1) for (const r of avoid) tries.push([r.right + GAP - (box.x + dx), 0], [0, r.bottom + GAP - (box.y + dy)]);
    const spot = tries.find(([ox, oy]) => {
      const b = at(ox, oy);
      return b.y >= bounds.top && b.y + b.h <= bounds.bottom && !placed.some((q) => overlaps(b, q));
    });
    if (!spot) {
      if (p <= 1) {
        e.style.translate = `${dx}px ${dy}px`;
        placed.push(at(0, 0));
      } else {
        e.style.visibility = 'hidden';
        if (axis && e.classList.contains('axis')) untitled.add(axis);
      }
      continue;
    }
    const [ox, oy] = spot;
    if (dx + ox !== 0 || dy + oy !== 0) e.style.translate = `${dx + ox}px ${dy + oy}px`;
    placed.push(at(ox, oy));
  }
}
