/**
 * The page's inputs wired to the app: the camera (a move redraws; where it stops goes into the
 * store), the pointer on the 3D view and the map (drag the start), scrubbing the loss curve,
 * the keyboard, the window, the title bar and the control panel's size.
 */
import type { RawParams } from '../state/schema';
import type { EngineState } from '../engine';
import type { Figures } from './figures';
import type { Shell } from '../ui/shell';
import type { FrameLoop } from './frameLoop';
import { installPointer } from '../ui/pointer';
import { installKeyboard } from '../ui/keyboard';

export interface InputHost {
  params(): { gui: boolean; present: boolean; still: boolean };
  state(): EngineState | null;
  setParams(raw: RawParams): Promise<void>;
  togglePlay(): void;
  step(delta: number): void;
  restart(): void;
  writeCamera(): void;
  layout(): void;
  scene(id: string): void;
}

export function installInputs(figures: Figures, shell: Shell, loop: FrameLoop, host: InputHost): { dragging: () => boolean } {
  const surface = figures.surface;
  let dragging = false;
  /** Leaves (or enters) the cheaper interactive frame; leaving it draws the full frame. */
  const setInteractive = (on: boolean) => {
    if (surface.interactive === on) return;
    surface.setInteractive(on);
    loop.drawSoon('scene');
  };
  // the cheaper frame while the camera moves; the full one as soon as it stops
  // (entered on the first move, so that a click or a tap costs no change of render scale)
  let pressed = false;
  surface.controls.addEventListener('start', () => (pressed = true));
  surface.controls.addEventListener('change', () => {
    if (pressed) surface.setInteractive(true);
    loop.drawSoon('scene'); // still mode has no animation loop to pick it up
  });
  surface.controls.addEventListener('end', () => {
    pressed = false;
    host.writeCamera();
    setInteractive(false);
  });
  installPointer({
    surfaceView: surface,
    heatmap: figures.map,
    hover: shell.hover,
    state: host.state,
    moveStart: (wx, wRec, final) => {
      const start = [round(wx, 4), round(wRec, 4)];
      if (final) void host.setParams({ start }).then(host.restart);
      else void host.setParams({ start, frame: -1 });
    },
    setDragging: (on) => {
      dragging = on;
      setInteractive(on);
    },
    frame: () => loop.currentFrame(),
    markDirty: () => loop.invalidate('scene'),
    togglePlay: host.togglePlay,
  });
  installKeyboard({
    togglePlay: host.togglePlay,
    step: host.step,
    restart: host.restart,
    // H folds or opens the panel; with gui=0 it brings the panel back
    toggleGui: () => (host.params().gui ? shell.togglePanel() : void host.setParams({ gui: true })),
    stepScene: (d) => shell.titleBar.step(d),
    togglePresent: () => void host.setParams({ present: !host.params().present }),
    toggleHelp: () => (shell.help.hidden = !shell.help.hidden),
    closeHelp: () => (shell.help.hidden = true),
  });
  window.addEventListener('resize', host.layout);
  // the title bar (src/ui/titleBar.ts): the scene's title and sentence, stepping, the panel's button
  shell.titleBar.onScene = host.scene;
  shell.onRelayout = () => {
    host.layout();
    loop.drawSoon('layout'); // still mode: no animation loop redraws the resized figures
  };
  // scrubbing the loss curve shows that iteration, paused
  figures.loss.onScrub = (k) => {
    loop.playback.clock = k;
    void host.setParams({ play: false, frame: k });
  };
  // a folder opened or closed: the 3D labels are laid out again around the panel
  if (shell.controlPanel) new ResizeObserver(() => host.state() && loop.drawSoon('scene')).observe(shell.controlPanel);
  return { dragging: () => dragging };
}

function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}
