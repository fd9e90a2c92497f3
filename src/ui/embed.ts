/**
 * Embed mode (embed=1), for a slide's iframe: the control panel and the status text are hidden
 * and a small link opens the same view as the full app in a new tab. Keyboard shortcuts work as
 * usual once the iframe has focus (a click into it gives it focus).
 */
import { el } from './dom';
import { t } from '../i18n';

export class EmbedLink {
  readonly element: HTMLAnchorElement;

  constructor() {
    this.element = el('a', { id: 'embed-link', target: '_blank', rel: 'noopener', hidden: '' }, t('open full app ↗'));
  }

  /** Shows the link (embed mode) with the full app's URL for the current view: the query as paramsToQuery writes it (URL-encoded). */
  update(embed: boolean, query: string): void {
    this.element.hidden = !embed;
    this.element.href = `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
  }
}
