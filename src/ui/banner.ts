/**
 * The page's banners: refused or clamped input (an error banner that can be dismissed, placed
 * under the status line so that it never covers it), and short confirmations ("copied"), which
 * are styled as information, not as errors.
 */
import { el } from './dom';
import { t } from '../i18n';

export class Banners {
  readonly errors = el('div', { id: 'messages', role: 'alert' });
  readonly notice = el('div', { id: 'notice', role: 'status', hidden: '' });
  private readonly list = el('div', { class: 'list' });
  private readonly noticeText = el('span', {});
  private noticeTimer = 0;

  constructor(private readonly status: HTMLElement) {
    const close = el('button', { type: 'button', class: 'dismiss', 'aria-label': t('dismiss these messages'), title: t('dismiss') }, t('dismiss'));
    close.addEventListener('click', () => (this.errors.hidden = true));
    this.errors.append(this.list, close);
    this.errors.hidden = true;
    const closeNotice = el('button', { type: 'button', class: 'dismiss', 'aria-label': t('dismiss'), title: t('dismiss') }, t('dismiss'));
    closeNotice.addEventListener('click', () => (this.notice.hidden = true));
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
    this.noticeTimer = window.setTimeout(() => (this.notice.hidden = true), 15_000);
  }

  /** Below the status line when it is on screen, so that neither covers the other. */
  place(): void {
    const r = this.status.getBoundingClientRect();
    const top = r.height > 0 ? Math.round(r.bottom + 8) : 10;
    this.errors.style.top = `${top}px`;
    this.notice.style.top = `${top}px`;
  }
}
