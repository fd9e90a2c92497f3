/**
 * The page's geometry (src/ui/shellGeometry.ts): at the lecture's window sizes the 3D surface,
 * the map, the gradient plot and the loss curve fit the window together, each at least the size
 * issue 18 asks for, and the 3D view starts right of the open control panel.
 */
import { describe, expect, it } from 'vitest';
import { frameGeometry, type FrameInput } from '../../../src/ui/shellGeometry';

const PANEL = 316; // the panel's 300 px and its margins
const CASES: [string, Partial<FrameInput> & { w: number; h: number }, [number, number]][] = [
  ['1280x800', { w: 1280, h: 800, titleH: 32, guiW: PANEL }, [300, 170]],
  ['1920x1080', { w: 1920, h: 1080, titleH: 32, guiW: PANEL }, [420, 240]],
  ['1920x1080 presentation', { w: 1920, h: 1080, titleH: 52, guiW: 0, present: true }, [420, 240]],
  ['1280x720 embed', { w: 1280, h: 720, titleH: 0, guiW: 0 }, [280, 160]],
  ['1024x768 tablet, panel open', { w: 1024, h: 768, titleH: 32, guiW: PANEL }, [240, 140]],
  ['768x1024 portrait tablet', { w: 768, h: 1024, titleH: 51, guiW: PANEL }, [240, 140]],
];

describe('frame geometry', () => {
  for (const [name, f, [minW, minH]] of CASES)
    it(`${name}: the four figures fit the window at once, each at least ${minW}x${minH}`, () => {
      const input: FrameInput = { layout: 'both', present: false, lossTitleH: f.present ? 33 : 21, titleH: 0, guiW: 0, ...f };
      const g = frameGeometry(input);
      for (const key of ['surface3d', 'map', 'gradients', 'loss'] as const) {
        const size = g[key]!;
        expect(size, key).not.toBeNull();
        // the map's figure holds its colour bar too (its width is the plot's)
        expect(size[0] + (key === 'map' ? Math.round(110 * g.textScale) : 0), `${key} width`).toBeGreaterThanOrEqual(minW);
        expect(size[1], `${key} height`).toBeGreaterThanOrEqual(minH);
      }
      const v = g.view3d!;
      expect(v.left, 'the 3D view starts right of the panel').toBeGreaterThanOrEqual(input.guiW);
      expect(v.top).toBe(input.titleH);
      expect(v.left + v.width).toBeLessThanOrEqual(f.w);
      expect(v.top + v.height).toBeLessThanOrEqual(f.h);
      // the side's figures, stacked (one column) or in two rows (a grid), fit its height with their title and margins
      const s = g.side!;
      const stack = g.grid ? g.map![1] + g.loss![1] + 12 : g.map![1] + g.gradients![1] + g.loss![1];
      expect(stack + 24 + input.lossTitleH + (g.grid ? 16 : 24), 'the side needs no scrolling for its figures').toBeLessThanOrEqual(s.height);
      expect(s.left + s.width).toBeLessThanOrEqual(f.w);
    });

  it('2D only: the figures fill the window (the map far larger than the 258 px it had at 1280x800 in presentation mode)', () => {
    const g = frameGeometry({ w: 1280, h: 800, layout: '2d', present: true, titleH: 52, guiW: 0, lossTitleH: 33 });
    expect(g.view3d).toBeNull();
    expect(g.map![1]).toBeGreaterThanOrEqual(360);
    expect(g.gradients![1]).toBe(g.map![1]);
    expect(g.loss![1]).toBeGreaterThanOrEqual(240);
    expect(g.barInSide).toBe(true);
  });

  it('3D only: the view takes the window right of the panel and below the title bar', () => {
    const g = frameGeometry({ w: 1280, h: 800, layout: '3d', present: false, titleH: 32, guiW: PANEL, lossTitleH: 21 });
    expect(g.view3d).toEqual({ left: PANEL, top: 32, width: 1280 - PANEL, height: 768 });
    expect(g.side).toBeNull();
    expect(g.map).toBeNull();
  });
});
