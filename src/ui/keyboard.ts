/** Keyboard shortcuts: one table for the handler and for the help overlay. */
import { N_ } from '../i18n';

export interface KeyActions {
  togglePlay(): void;
  step(delta: number): void;
  restart(): void;
  toggleGui(): void;
  togglePresent(): void;
  toggleHelp(): void;
  closeHelp(): void;
  /** the next (+1) or previous (-1) scene */
  stepScene(delta: number): void;
}

/** English, marked for translation: shown with t() */
export const HELP: readonly [string, string][] = [
  [N_('Space'), N_('play / pause (also when a control has the focus; not while typing in a text field)')],
  ['→ / ←', N_('step one iteration forward / back')],
  ['R', N_('restart the animation')],
  ['F', N_('full screen')],
  ['H', N_('hide / show the control panel')],
  ['PageDown / PageUp', N_('next / previous scene (what presentation clickers send)')],
  ['P', N_('presentation mode: text, ticks and the panel at projector size')],
  ['?', N_('this help (Esc closes it)')],
  [N_('drag the orange dot'), N_('move the start point, in the 3D view and in the 2D map; the run restarts when you let go')],
  [N_('shift-click in the 2D map'), N_('start there')],
  [N_('drag elsewhere in 3D'), N_('orbit; wheel to zoom')],
  [N_('hover the surface or the 2D map'), N_('wx, wRec and the cost there')],
  [N_('press or drag on the loss curve'), N_('scrub to that iteration')],
  [N_('touch: tap the 3D view'), N_('play / pause; one finger orbits, two fingers pinch to zoom')],
  [N_('click an atlas cell'), N_('start there (or use those hyperparameters); in lr mode drag a rectangle or turn the wheel to zoom')],
];

/** Where a space is typed text, not play / pause. */
function typesSpace(t: HTMLElement | null): boolean {
  if (!t) return false;
  if (t.tagName === 'TEXTAREA' || t.isContentEditable) return true;
  // lil-gui's number fields are text inputs too, but a space means nothing there
  return t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'text' && !t.closest('.lil-number');
}

export function installKeyboard(a: KeyActions): void {
  // Space: in the capture phase, so that a focused button, checkbox or select (lil-gui stops
  // keys from leaving its panel) does not swallow it; its own action is prevented.
  let spaceTaken = false;
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== ' ' || e.ctrlKey || e.metaKey || e.altKey || typesSpace(e.target as HTMLElement)) return;
      e.preventDefault();
      e.stopPropagation();
      spaceTaken = true;
      if (!e.repeat) a.togglePlay();
    },
    { capture: true },
  );
  window.addEventListener(
    'keyup',
    (e) => {
      if (e.key !== ' ' || !spaceTaken) return;
      spaceTaken = false;
      e.preventDefault(); // a focused button would be clicked on key up
      e.stopPropagation();
    },
    { capture: true },
  );
  window.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case 'ArrowRight':
        a.step(1);
        break;
      case 'ArrowLeft':
        a.step(-1);
        break;
      case 'r':
      case 'R':
        a.restart();
        break;
      case 'f':
      case 'F':
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
        break;
      case 'h':
      case 'H':
        a.toggleGui();
        break;
      case 'p':
      case 'P':
        a.togglePresent();
        break;
      case 'PageDown':
        a.stepScene(1);
        break;
      case 'PageUp':
        a.stepScene(-1);
        break;
      case '?':
        a.toggleHelp();
        break;
      case 'Escape':
        a.closeHelp();
        break;
      default:
        return;
    }
    e.preventDefault();
  });
}
