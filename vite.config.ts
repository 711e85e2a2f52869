import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs everywhere: the built site works from any sub-path of any static host or CDN.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
