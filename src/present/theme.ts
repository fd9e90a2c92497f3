/**
 * The app's colours, in one place: the page and panel backgrounds, text, frames, the marker of
 * the start and the runs' colours. Views and exported images take them from here.
 */
export const THEME = {
  /** the page and every plot's background */
  background: '#10141b',
  /** a side panel's background (the atlas, the legend) */
  panel: '#171c25',
  /** the divider between the page image's columns */
  divider: '#262d3a',
  text: '#dfe6ee',
  /** secondary text: notes, progress */
  muted: '#9aa6b5',
  /** tick labels of the colour bar and the loss curve */
  tick: '#c8d0da',
  /** plot frames and ticks */
  frame: '#b8c0cc',
  /** the start point and the atlas markers */
  marker: '#ff6a00',
  /** the dark outline that keeps lines and markers visible on any background */
  outline: '#0b0d12',
  /** a diverged run's outcome */
  bad: '#ff8a80',
  /** the current iterate's series */
  current: '#ffffff',
} as const;

/**
 * Colours of the runs: the main run in white (as in the tutorial's figure), the compared runs
 * from the Okabe-Ito palette, which stays distinguishable with the common colour-vision
 * deficiencies. Chosen to stand out from viridis and from the six marked points' labels.
 */
export const RUN_COLOURS: readonly string[] = ['#ffffff', '#56b4e9', '#e69f00', '#cc79a7', '#009e73', '#f0e442'];

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}
