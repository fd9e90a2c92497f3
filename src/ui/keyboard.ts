/** Keyboard shortcuts: one table for the handler and for the help overlay. */
export interface KeyActions {
  togglePlay(): void;
  step(delta: number): void;
  restart(): void;
  toggleGui(): void;
  toggleHelp(): void;
  closeHelp(): void;
}

export const HELP: readonly [string, string][] = [
  ['Space', 'play / pause'],
  ['→ / ←', 'step one iteration forward / back'],
  ['R', 'restart the animation'],
  ['F', 'full screen'],
  ['H', 'hide / show the control panel'],
  ['?', 'this help'],
  ['drag the orange dot', 'move the start point (shift-click in the 2D map too)'],
  ['drag elsewhere', 'orbit; wheel to zoom'],
  ['press or drag on the loss curve', 'scrub to that iteration'],
  ['touch: tap the 3D view', 'play / pause; one finger orbits, two fingers pinch to zoom'],
];

export function installKeyboard(a: KeyActions): void {
  window.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case ' ':
        a.togglePlay();
        break;
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
