/**
 * The page's banners: refused or clamped input (an error banner that can be dismissed, placed
 * under the status line so that it never covers it), and short confirmations ("copied"), which
 * are styled as information, not as errors. They keep within an area the app sets (setArea):
 * over the 3D view, never over the 2D map; in the 2D-only layout the panels make room for them.
 */
import { el } from './dom';
import { t } from '../i18n';

export class Banners {
  readonly errors = el('div', { id: 'messages', role: 'alert' });
  readonly notice = el('div', { id: 'notice', role: 'status', hidden: '' });
  private readonly list = el('div', { class: 'list' });
  private readonly noticeText = el('span', {});
  private noticeTimer = 0;
  /** the area's distance from the page's left and right edges, CSS pixels (null: the style sheet's) */
  private area: { left: number; right: number } | null = null;
  /** told how far down the banners reach (0: none shown), so that the panels below can start lower */
  private makeRoom: ((bottom: number) => void) | null = null;

  constructor(private readonly status: HTMLElement) {
    const close = el('button', { type: 'button', class: 'dismiss', 'aria-label': t('dismiss these messages'), title: t('dismiss') }, t('dismiss'));
    close.addEventListener('click', () => {
      this.errors.hidden = true;
      this.place();
    });
    this.errors.append(this.list, close);
    this.errors.hidden = true;
    const closeNotice = el('button', { type: 'button', class: 'dismiss', 'aria-label': t('dismiss'), title: t('dismiss') }, t('dismiss'));
    closeNotice.addEventListener('click', () => {
      this.notice.hidden = true;
      this.place();
    });
    this.notice.append(this.noticeText, closeNotice);
  }

  /** The messages about refused or clamped input (an empty list hides the banner). */
  show(messages: string[]): void {
    this.list.replaceChildren(...messages.map((m) => el('p', {}, m)));
    this.errors.hidden = messages.length === 0;
    this.place();
  }

  /** A confirmation (not an error); goes away by itself after a while, or when dismissed. */
  info(text: string): void {
    this.noticeText.textContent = text;
    this.notice.hidden = false;
    this.place();
    clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.notice.hidden = true;
      this.place();
    }, 15_000);
  }

  /**
   * Where the banners may go: between `left` and `right` CSS pixels from the page's left and
   * right edges; makeRoom (or null) is told how far down they reach after each placement.
   */
  setArea(left: number, right: number, makeRoom: ((bottom: number) => void) | null): void {
    if (this.makeRoom && this.makeRoom !== makeRoom) this.makeRoom(0);
    this.area = { left, right };
    this.makeRoom = makeRoom;
  }

  /** Below the status line when it is on screen, so that neither covers the other. */
  place(): void {
    const r = this.status.getBoundingClientRect();
    const top = r.height > 0 ? Math.round(r.bottom + 8) : 10;
    for (const b of [this.errors, this.notice]) {
      b.style.top = `${top}px`;
      if (this.area) {
        b.style.right = `${this.area.right}px`;
        b.style.maxWidth = `${Math.max(200, Math.min(0.6 * window.innerWidth, window.innerWidth - this.area.left - this.area.right))}px`;
      }
    }
    if (this.makeRoom) {
      const shown = [this.errors, this.notice].filter((b) => !b.hidden).map((b) => b.getBoundingClientRect().bottom);
      this.makeRoom(shown.length ? Math.ceil(Math.max(...shown)) : 0);
    }
  }
}
