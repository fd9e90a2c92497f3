/**
 * The files the Save menu writes, built from the state on screen: each with a name that says
 * what it holds. The encoders are in encode.ts (pure); this adds the state and Blobs.
 */
import type { EngineState } from '../engine';
import type { Sweep } from '../model/lesson/sweep';
import { sweepToCsv, sweepToJson } from './sweepFiles';
import { datasetLabel, datasetToLines, exportFileName, runsToCsv, runsToJson, surfaceAxesJson, surfaceToCsv, surfaceToNpy } from './encode';

export const DATA_FILES = ['runs-csv', 'runs-json', 'surface-csv', 'surface-npy', 'surface-axes', 'dataset', 'sweep-csv', 'sweep-json'] as const;
export type DataFile = (typeof DATA_FILES)[number];

const NO_SWEEP = 'no sweep to save (set sweep=lr or sweep=seqLen and let it finish)';

export interface ExportFile {
  name: string;
  blob: Blob;
}

/** The file of `kind` from the state on screen (and, for the sweep's files, the completed sweep: an error without one). */
export function dataFile(kind: DataFile, st: EngineState, sweep: Sweep | null = null): ExportFile {
  if ((kind === 'sweep-csv' || kind === 'sweep-json') && !sweep) throw new Error(NO_SWEEP);
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
    case 'sweep-csv':
    case 'sweep-json': {
      if (!sweep) throw new Error(NO_SWEEP);
      const name = exportFileName(`sweep-${sweep.kind}`, q, ds, kind === 'sweep-csv' ? 'csv' : 'json');
      return kind === 'sweep-csv'
        ? { name, blob: text(sweepToCsv(sweep), 'text/csv') }
        : { name, blob: text(sweepToJson(sweep, { dataset: ds, start: q.start, iterations: q.iterations, tol: q.tol }), 'application/json') };
    }
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
