// The benchmarks' shared start: the build served by `vite preview` on a port, and headless
// Chromium's flags for its SwiftShader WebGPU adapter and canvas (see the README's first facts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--use-vulkan=swiftshader', '--enable-unsafe-swiftshader'];

/** Exits with a clear message where there is no Chromium. */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

/**
 * Serves the build on `port` (BENCH_OUTDIR, or its other name BENCH_DIST: another build, e.g. one
 * from before a change, for before/after runs) and resolves once it answers, with its stop();
 * it is also stopped when the process exits.
 */
export async function startPreview(port) {
  const dir = process.env.BENCH_OUTDIR || process.env.BENCH_DIST;
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', ...(dir ? ['--outDir', dir] : [])], { stdio: 'ignore', detached: true });
  const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return stop; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error('vite preview did not start');
}
