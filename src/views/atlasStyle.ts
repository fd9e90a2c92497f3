/** The atlas panel's style (inserted once into the page's head). */
import { GRID_GAP } from './atlasCells';

export const ATLAS_CSS = `
#atlas-panel { background: #171c25; color: #dfe6ee; border-radius: 6px; padding: 8px 12px; margin-bottom: 10px; }
#atlas-panel h3 { margin: 0 0 6px; font-size: 15px; }
#atlas-panel .atlas-grid { display: grid; gap: ${GRID_GAP}px; align-items: end; }
#atlas-panel .atlas-cell { display: flex; flex-direction: column; justify-content: flex-end; min-width: 0; }
#atlas-panel .atlas-title { font-size: 13px; font-weight: 600; line-height: 1.3; margin: 0 0 2px; overflow-wrap: anywhere; }
#atlas-panel .atlas-title .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: 0; border: 1px solid #0b0d12; }
#atlas-panel canvas.atlas-map { display: block; margin: 0; cursor: crosshair; touch-action: none; }
#atlas-progress { display: flex; align-items: center; gap: 8px; font-size: 13px; color: #9aa6b5; margin: 0 0 6px; font-variant-numeric: tabular-nums; }
#atlas-progress .atlas-bar { flex: 1; height: 6px; background: #10141b; border-radius: 3px; overflow: hidden; }
#atlas-progress .atlas-bar-fill { height: 100%; background: #ff6a00; }
#atlas-legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: #dfe6ee; margin: 8px 0 4px; }
#atlas-legend .atlas-legend-item { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
#atlas-legend canvas { display: inline-block; margin: 0; border: 1px solid #0b0d12; }
#atlas-summary { font-size: 13px; line-height: 1.45; color: #dfe6ee; font-variant-numeric: tabular-nums; }
#atlas-summary .atlas-summary-row .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; border: 1px solid #0b0d12; }
#atlas-summary .atlas-summary-name { font-weight: 600; }
#atlas-note { color: #9aa6b5; font-size: 13px; margin-top: 4px; }
#app[data-present='1'] #atlas-panel h3, #app[data-present='1'] #atlas-panel .atlas-title, #app[data-present='1'] #atlas-progress, #app[data-present='1'] #atlas-legend, #app[data-present='1'] #atlas-summary, #app[data-present='1'] #atlas-note { font-size: 21px; }
#app[data-present='1'] #atlas-panel .swatch { width: 16px; height: 16px; }
#app[data-present='1'] #atlas-progress .atlas-bar { height: 10px; border-radius: 5px; }
`;
