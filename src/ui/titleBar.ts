/**
 * The title bar across the top of the page: the button that hides and shows the control panel,
 * the scene's title between the arrows that step through the scenes (PageUp / PageDown, what
 * presentation clickers send, do the same), and the scene's sentence. A compact line normally,
 * projector-size text in presentation mode; not shown in embed mode (the slide has its title).
 */
import type { Params } from '../state/schema';
import { SCENES, sceneOf } from '../scenes';
import { el } from './dom';
import { t } from '../i18n';

export class TitleBar {
  readonly panelButton = el('button', { type: 'button', id: 'panel-button', title: t('hide / show the control panel'), 'aria-label': t('hide / show the control panel') }, t('controls'));
  private readonly prev = el('button', { type: 'button', id: 'scene-prev', class: 'scene-step', title: t('previous scene (PageUp)'), 'aria-label': t('previous scene (PageUp)') }, '◀');
  private readonly next = el('button', { type: 'button', id: 'scene-next', class: 'scene-step', title: t('next scene (PageDown)'), 'aria-label': t('next scene (PageDown)') }, '▶');
  private readonly title = el('span', { id: 'scene-title' });
  private readonly about = el('span', { id: 'scene-about' });
  readonly element = el('header', { id: 'titlebar' }, this.panelButton, el('span', { class: 'scene-nav' }, this.prev, this.title, this.next), this.about);
  /** the scene shown ('' where the settings are no scene's) */
  private current = '';
  /** asked to apply a scene (by its id) */
  onScene: (id: string) => void = () => undefined;
  /** the control panel's button was pressed */
  onPanelButton: () => void = () => undefined;

  constructor() {
    this.prev.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
    this.panelButton.addEventListener('click', () => this.onPanelButton());
  }

  /** Shows the scene these settings are (its title and sentence), and which arrows lead somewhere. */
  sync(p: Params): void {
    this.current = sceneOf(p);
    const scene = SCENES.find((s) => s.id === this.current);
    this.title.textContent = scene ? t(scene.name) : t('(choose a lesson)');
    this.about.textContent = scene ? t(scene.about) : '';
    this.about.hidden = !scene;
    const i = this.index();
    this.prev.disabled = i <= 0;
    this.next.disabled = i >= SCENES.length - 1;
  }

  /** The next (+1) or previous (-1) scene in the list's order; from settings that are no scene's, the first. */
  step(delta: number): void {
    const i = this.index();
    const j = i < 0 ? 0 : i + delta;
    if (j >= 0 && j < SCENES.length && j !== i) this.onScene(SCENES[j].id);
  }

  /** The panel's button shows whether the panel is open. */
  showPanelOpen(open: boolean, available: boolean): void {
    this.panelButton.hidden = !available;
    this.panelButton.setAttribute('aria-pressed', open ? 'true' : 'false');
  }

  private index(): number {
    return SCENES.findIndex((s) => s.id === this.current);
  }
}
