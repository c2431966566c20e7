import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web client's build. JSX goes through Vite's built-in oxc transform with React's automatic
 * runtime (no React plugin: see docs/web.md). `npm run web:dev` serves it with reload on save and
 * proxies the API's paths to a running gateway, so the client always talks to its own origin.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
// Read here rather than in a config.ts: this file runs only in the developer's Vite process.
const gateway = gatewayUrl(process.env.SKILLGRAPH_GATEWAY_URL);
const proxied = ['/graphql', '/files', '/uploads', '/certificates'];

export default defineConfig({
  root,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // React Router marks its modules "use client" for server components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(proxied.map((prefix) => [prefix, { target: gateway, changeOrigin: false }])),
  },
});

/** SKILLGRAPH_GATEWAY_URL: an http(s) origin, default http://localhost:4000 (docs/web.md). */
function gatewayUrl(value: string | undefined): string {
  if (value === undefined || value === '') return 'http://localhost:4000';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(`SKILLGRAPH_GATEWAY_URL must be an http(s) URL such as http://localhost:4000 (got "${value}")`);
  return url.origin;
}
