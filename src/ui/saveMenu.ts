/**
 * The Save menu (a folder of the control panel): an image of a panel at slide resolution, and
 * the numbers behind the picture (runs, surface grid, data set) as files.
 */
import type GUI from 'lil-gui';
import type { DataFile } from '../export/files';
import type { SnapshotPanel } from '../export/snapshot';

export interface SaveActions {
  image(panel: SnapshotPanel, width: number, height: number): Promise<void>;
  data(kind: DataFile): void;
  /** whether an atlas is shown (the atlas image is offered only then) */
  hasAtlas(): boolean;
}

/** Sizes offered for images: slides (16:9), a square and a 4:3 projector. */
export const IMAGE_SIZES: Record<string, [number, number]> = {
  '1920 × 1080 (Full HD slide)': [1920, 1080],
  '3840 × 2160 (4K slide)': [3840, 2160],
  '2560 × 1440': [2560, 1440],
  '1280 × 720': [1280, 720],
  '1024 × 768 (4:3)': [1024, 768],
  '1080 × 1080 (square)': [1080, 1080],
};

const PANELS: Record<string, SnapshotPanel> = {
  'the whole page': 'page',
  '3D surface': '3d',
  '2D map': 'map',
  'loss curve': 'loss',
  'gradient over time': 'gradients',
  'trainability atlas': 'atlas',
};

export function addSaveMenu(gui: GUI, a: SaveActions): GUI {
  const folder = gui.addFolder('Save');
  folder.domElement.id = 'save-menu';
  const m = {
    panel: 'page' as SnapshotPanel,
    size: '1920 × 1080 (Full HD slide)',
    image: () => {
      const [w, h] = IMAGE_SIZES[m.size];
      if (m.panel === 'atlas' && !a.hasAtlas()) return;
      void a.image(m.panel, w, h);
    },
    runsCsv: () => a.data('runs-csv'),
    runsJson: () => a.data('runs-json'),
    surfaceCsv: () => a.data('surface-csv'),
    surfaceNpy: () => a.data('surface-npy'),
    surfaceAxes: () => a.data('surface-axes'),
    dataset: () => a.data('dataset'),
  };
  folder.add(m, 'panel', PANELS).name('image of');
  folder.add(m, 'size', Object.keys(IMAGE_SIZES)).name('image size');
  folder.add(m, 'image').name('save image (PNG)');
  folder.add(m, 'runsCsv').name('runs (CSV)');
  folder.add(m, 'runsJson').name('runs (JSON)');
  folder.add(m, 'surfaceCsv').name('surface grid (CSV)');
  folder.add(m, 'surfaceNpy').name('surface grid (NumPy .npy)');
  folder.add(m, 'surfaceAxes').name('surface axes (JSON, for the .npy)');
  folder.add(m, 'dataset').name('data set (text)');
  folder.close();
  return folder;
}
