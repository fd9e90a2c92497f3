/**
 * The frame loop draws what changed (src/app/frameLoop.ts): a sweep's progress ('panels') redraws
 * the lesson's figure only, not the 3D view (100 ms and more a frame on a software GPU, taken from
 * the sweep itself); a new view model, a resize or the camera still draw what they change.
 */
import { describe, expect, it } from 'vitest';
import { FrameLoop, type FrameChange, type FrameHost } from '../../../src/app/frameLoop';
import type { Figures } from '../../../src/app/figures';
import { DEFAULT_PARAMS, type Params } from '../../../src/state/schema';
import type { ViewModel } from '../../../src/present/viewModel';

function setup(layout: Params['layout'] = 'both') {
  const calls: string[] = [];
  const figures = {
    setFrame: () => calls.push('setFrame'),
    drawScene: () => calls.push('scene'),
    draw2d: () => calls.push('2d'),
    drawLesson: () => calls.push('lesson'),
    surface: { interactive: false, gpuDone: () => Promise.resolve() },
  } as unknown as Figures;
  const params = { ...DEFAULT_PARAMS, still: true, play: false, frame: 0, layout } as Params;
  const host: FrameHost = {
    params: () => params,
    viewModel: () => ({ lastIndex: 10 }) as unknown as ViewModel,
    dragging: () => false,
    showFrame: () => undefined,
    ended: () => undefined,
    setParams: () => Promise.resolve(),
  };
  const loop = new FrameLoop(figures, host);
  // the first frame draws everything
  loop.drawNow();
  calls.length = 0;
  const draw = (change: FrameChange) => {
    calls.length = 0;
    loop.drawSoon(change);
    return [...calls];
  };
  return { draw };
}

describe('FrameLoop: what each change draws', () => {
  it("a sweep's progress ('panels') draws the lesson's figure only", () => {
    expect(setup().draw('panels')).toEqual(['lesson']);
  });

  it('the camera draws the 3D view; a resize and a new view model draw everything', () => {
    const { draw } = setup();
    expect(draw('scene')).toEqual(['scene']);
    expect(draw('layout')).toEqual(['scene', '2d']);
    expect(draw('model')).toEqual(['setFrame', 'scene', '2d']);
  });
});
