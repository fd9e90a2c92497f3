/**
 * The Save menu (a folder of the control panel): an image of a panel at slide resolution, and
 * the numbers behind the picture (runs, surface grid, data set) as files.
 */
import type GUI from 'lil-gui';
import type { DataFile } from '../export/files';
import type { SnapshotPanel } from '../export/snapshot';
import { N_, t } from '../i18n';

export interface SaveActions {
  image(panel: SnapshotPanel, width: number, height: number): Promise<void>;
  data(kind: DataFile): void;
  /** whether an atlas is shown (the atlas image is offered only then) */
  hasAtlas(): boolean;
  /** whether a sweep is shown (its image and files are offered only then) */
  hasSweep(): boolean;
}

/** Sizes offered for images: slides (16:9), a square and a 4:3 projector. */
export const IMAGE_SIZES: Record<string, [number, number]> = {
  [N_('1920 × 1080 (Full HD slide)')]: [1920, 1080],
  [N_('3840 × 2160 (4K slide)')]: [3840, 2160],
  '2560 × 1440': [2560, 1440],
  '1280 × 720': [1280, 720],
  '1024 × 768 (4:3)': [1024, 768],
  [N_('1080 × 1080 (square)')]: [1080, 1080],
};

const PANELS: Record<string, SnapshotPanel> = {
  [N_('the whole page')]: 'page',
  [N_('3D surface')]: '3d',
  [N_('2D map')]: 'map',
  [N_('loss curve')]: 'loss',
  [N_('gradient over time')]: 'gradients',
  [N_('trainability atlas')]: 'atlas',
  [N_('sharpness along the runs')]: 'sharpness',
  [N_('step against gradient')]: 'steps',
  [N_('the sweep')]: 'sweep',
};

/** lil-gui options: the shown (translated) label → the value. */
const shown = <V,>(options: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(options).map(([k, v]) => [t(k), v]));

export function addSaveMenu(gui: GUI, a: SaveActions): GUI {
  const folder = gui.addFolder(t('Save'));
  folder.domElement.id = 'save-menu';
  const m = {
    panel: 'page' as SnapshotPanel,
    size: '1920 × 1080 (Full HD slide)',
    image: () => {
      const [w, h] = IMAGE_SIZES[m.size];
      if (m.panel === 'atlas' && !a.hasAtlas()) return;
      if (m.panel === 'sweep' && !a.hasSweep()) return;
      void a.image(m.panel, w, h);
    },
    runsCsv: () => a.data('runs-csv'),
    runsJson: () => a.data('runs-json'),
    surfaceCsv: () => a.data('surface-csv'),
    surfaceNpy: () => a.data('surface-npy'),
    surfaceAxes: () => a.data('surface-axes'),
    dataset: () => a.data('dataset'),
    sweepCsv: () => a.hasSweep() && a.data('sweep-csv'),
    sweepJson: () => a.hasSweep() && a.data('sweep-json'),
  };
  folder.add(m, 'panel', shown(PANELS)).name(t('image of'));
  folder.add(m, 'size', shown(Object.fromEntries(Object.keys(IMAGE_SIZES).map((k) => [k, k])))).name(t('image size'));
  folder.add(m, 'image').name(t('save image (PNG)'));
  folder.add(m, 'runsCsv').name(t('runs (CSV)'));
  folder.add(m, 'runsJson').name(t('runs (JSON)'));
  folder.add(m, 'surfaceCsv').name(t('surface grid (CSV)'));
  folder.add(m, 'surfaceNpy').name(t('surface grid (NumPy .npy)'));
  folder.add(m, 'surfaceAxes').name(t('surface axes (JSON, for the .npy)'));
  folder.add(m, 'dataset').name(t('data set (text)'));
  folder.add(m, 'sweepCsv').name(t('the sweep (CSV)'));
  folder.add(m, 'sweepJson').name(t('the sweep (JSON)'));
  folder.close();
  return folder;
}
