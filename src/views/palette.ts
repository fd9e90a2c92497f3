/**
 * Colours of the runs: the main run in white (as in the tutorial's figure), the compared runs
 * from the Okabe-Ito palette, which stays distinguishable with the common colour-vision
 * deficiencies. Chosen to stand out from viridis and from the six marked points' labels.
 */
export const RUN_COLOURS: readonly string[] = ['#ffffff', '#56b4e9', '#e69f00', '#cc79a7', '#009e73', '#f0e442'];

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}

export function cssToHex(css: string): number {
  return parseInt(css.slice(1), 16);
}
