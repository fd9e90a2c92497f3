/**
 * Saving and sharing: images composed from the views' renderAt, data files, and links that
 * reproduce the view (the camera written into the store first).
 */
import type { EngineState } from '../engine';
import type { Params } from '../state/schema';
import type { Store } from '../state/store';
import type { Banners } from '../ui/banner';
import type { Figures } from './figures';
import { dataFile, download, imageFileName, type DataFile } from '../export/files';
import { canvasToPng, renderSnapshot, type SnapshotOptions } from '../export/snapshot';
import { viewLink } from '../ui/links';
import type { Sweep } from '../model/lesson/sweep';
import { t } from '../i18n';

export interface ExportHost {
  state(): EngineState | null;
  frame(): number;
  hasAtlas(): boolean;
  /** the completed sweep, or null (sweep=off, or still computing) */
  sweep(): Sweep | null;
  showMessages(messages: string[]): void;
}

export class ExportActions {
  constructor(
    private readonly store: Store,
    private readonly figures: Figures,
    private readonly banners: Banners,
    private readonly host: ExportHost,
  ) {}

  /** A panel (or the page) rendered at the asked size, as a PNG (src/export/snapshot.ts). */
  async snapshot(options: SnapshotOptions): Promise<Blob> {
    if (!this.host.state()) throw new Error('snapshot: nothing computed yet');
    return canvasToPng(await renderSnapshot(this.figures.snapshotSource(this.host.hasAtlas()), options));
  }

  async saveImage(options: Required<SnapshotOptions>): Promise<void> {
    try {
      const blob = await this.snapshot(options);
      const s = this.host.state();
      if (s) download({ name: imageFileName(s, options.panel, options.width, options.height, this.host.frame()), blob });
    } catch (e) {
      this.host.showMessages([t('could not save the image: {reason}', { reason: (e as Error).message })]);
    }
  }

  saveData(kind: DataFile): void {
    const s = this.host.state();
    if (!s) return;
    try {
      download(dataFile(kind, s, this.host.sweep()));
    } catch (e) {
      this.host.showMessages([t('could not save the file: {reason}', { reason: (e as Error).message })]);
    }
  }

  /** Where the camera stopped goes into the store; the camera snaps to the rounded values the URL holds. */
  writeCamera(): Params {
    const { params } = this.store.set({ cam: this.figures.surface.getCamera() });
    this.figures.surface.setCamera(params.cam);
    this.store.writeUrl();
    return params;
  }

  /**
   * Copies a link that reproduces this view: the parameters, camera and iteration. It keeps the
   * viewer's own still setting (an animated view opens animated); the still link asks for
   * still mode (one frame, no animation: for screenshots and slides).
   */
  copyViewLink(still: boolean): void {
    const params = this.writeCamera();
    const url = viewLink(params, this.host.frame(), still, `${location.origin}${location.pathname}`);
    const what = still ? t('Still link to this view') : t('Link to this view');
    const copied = navigator.clipboard?.writeText(url);
    if (!copied) {
      this.banners.info(t('{what} (select and copy it): {url}', { what, url }));
      return;
    }
    void copied.then(
      () => this.banners.info(t('{what} copied: {url}', { what, url })),
      () => this.banners.info(t('{what} (the browser refused the clipboard; select and copy it): {url}', { what, url })),
    );
    this.banners.info(`${what}: ${url}`);
  }
}
