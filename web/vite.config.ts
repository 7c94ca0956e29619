import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console: a static single-page app built into web/dist and served by the platform at /.
// The server's CSP allows only same-origin scripts, so everything is bundled (no CDNs, no inline scripts).

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified even when tree-shaken; keep it in its own chunk.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: API calls go to a running platform.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
