import { createApi } from './api';
import { createDebug } from './debug';
import { Engine, TEST_INPUT } from './engine';
import { paramsFromQuery } from './params';

const engine = new Engine();
window.rnnlab = createApi(engine);
window.rnnlabDebug = createDebug(engine);

const root = document.getElementById('app')!;
const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(12) : String(v));

function render(): void {
  const s = engine.state;
  const lines = [`<h1>RNN Lab</h1>`, `<p id="backend">Backend: <b>${engine.backendKind}</b>: ${engine.backendReason}</p>`];
  for (const m of engine.messages) lines.push(`<p class="message">${m}</p>`);
  if (engine.lastError) lines.push(`<p class="error">${engine.lastError}</p>`);
  if (s) {
    const last = s.rprop.weights[s.rprop.weights.length - 1];
    const gc = s.gradientCheck;
    lines.push(
      `<p>Rprop final weights: wx = ${fmt(last[0])}, wRec = ${fmt(last[1])}</p>`,
      `<p>Gradient check at (${gc.at.join(', ')}): numerical ${gc.numerical.map(fmt).join(', ')}, backprop ${gc.backprop.map(fmt).join(', ')}: ${gc.pass ? 'pass' : 'FAIL'}</p>`,
      `<p>Model on ${TEST_INPUT.join(' ')}: ${s.testOutput.toFixed(5)} (target ${TEST_INPUT.reduce((a, b) => a + b, 0)})</p>`,
    );
  }
  root.innerHTML = lines.join('\n');
}
engine.onState(render);
const fromUrl = paramsFromQuery(location.search);
engine.setParams(fromUrl.params).then(() => {
  engine.messages = fromUrl.messages.concat(engine.messages);
  render();
});
