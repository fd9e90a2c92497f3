/**
 * The View folder's "2D panel" choice: the full range, or the model's zoom window named by it
 * ("zoom [0, 2]²" for the linear RNN, the sigmoid unit's own window for it).
 */
import { t } from '../i18n';
import { presentModel } from '../present/modelView';
import type { Params } from '../state/schema';

/** The option's names and values for the model of p. */
export function zoomOptions(p: Pick<Params, 'model'> & object): Record<string, string> {
  return { [t('full range')]: 'full', [t('zoom {window}', { window: presentModel(p).zoomText })]: 'zoom' };
}
