import { defineConfig } from 'vitest/config';

/** `npm run bench`'s timing checks (bench/*.timing.ts): not unit tests, so not in vite.config.ts's include. */
export default defineConfig({ test: { include: ['bench/**/*.timing.ts'] } });
