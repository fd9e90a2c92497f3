/**
 * The files the Save menu writes, built from the state on screen: each with a name that says
 * what it holds. The encoders are in encode.ts (pure); this adds the state and Blobs.
 */
import type { EngineState } from '../engine';
import { datasetLabel, datasetToLines, exportFileName, runsToCsv, runsToJson, surfaceAxesJson, surfaceToCsv, surfaceToNpy } from './encode';

export const DATA_FILES = ['runs-csv', 'runs-json', 'surface-csv', 'surface-npy', 'surface-axes', 'dataset'] as const;
export type DataFile = (typeof DATA_FILES)[number];

export interface ExportFile {
  name: string;
  blob: Blob;
}

export function dataFile(kind: DataFile, st: EngineState): ExportFile {
  const ds = datasetLabel(st.params, st.dataset);
  // names from the computed state's params (what the numbers are), the frame is irrelevant
  const q = st.params;
  const text = (t: string, type: string) => new Blob([t], { type });
  switch (kind) {
    case 'runs-csv':
      return { name: exportFileName('runs', q, ds, 'csv'), blob: text(runsToCsv(st.runs), 'text/csv') };
    case 'runs-json':
      return { name: exportFileName('runs', q, ds, 'json'), blob: text(runsToJson(st.runs, { start: q.start, dataset: ds }), 'application/json') };
    case 'surface-csv':
      return { name: exportFileName('surface', q, ds, 'csv'), blob: text(surfaceToCsv(st.surface), 'text/csv') };
    case 'surface-npy': {
      const bytes = surfaceToNpy(st.surface);
      return { name: exportFileName('surface', q, ds, 'npy'), blob: new Blob([bytes.buffer as ArrayBuffer], { type: 'application/octet-stream' }) };
    }
    case 'surface-axes':
      return {
        name: exportFileName('surface-axes', q, ds, 'json'),
        blob: text(surfaceAxesJson(st.surface, { dataset: ds, npyFile: exportFileName('surface', q, ds, 'npy') }), 'application/json'),
      };
    case 'dataset':
      return { name: exportFileName('dataset', q, ds, 'txt'), blob: text(datasetToLines(st.dataset), 'text/plain') };
  }
}

export function imageFileName(st: EngineState, panel: string, width: number, height: number, frame: number): string {
  return exportFileName('image', st.params, datasetLabel(st.params, st.dataset), 'png', `${panel}-it${frame}-${width}x${height}`);
}

/** Hands a file to the browser as a download. */
export function download(f: ExportFile): void {
  const url = URL.createObjectURL(f.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = f.name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
