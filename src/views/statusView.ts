/** The status lines over the 3D view: the compute and render backends, overflow, diverged runs. */
import { el } from '../ui/dom';

export class StatusView {
  constructor(private readonly element: HTMLElement) {}

  update(lines: string[], backendKind: string): void {
    this.element.replaceChildren(...lines.map((line) => el('div', {}, line)));
    this.element.dataset.backend = backendKind;
  }
}
