import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// JSX goes through Vite's own transformer (automatic runtime), so no React plugin is needed.
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@pusher-me/react': here('../../libs/react/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: here('dist'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    // `npm run dev:web` proxies the api so the page and the api share an origin, as in production.
    proxy: Object.fromEntries(
      ['/config.json', '/demo', '/messages', '/channels', '/pusher', '/admin'].map((path) => [
        path,
        process.env.API_URL ?? 'http://127.0.0.1:3000',
      ]),
    ),
  },
});
