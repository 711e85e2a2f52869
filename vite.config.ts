import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const THEME = '#6d4aff';

/**
 * The production page's Content-Security-Policy: no inline script, no eval, nothing framed. Audio,
 * artwork and the catalog may come from any https host a deployer names in library.json. Sync across
 * devices (opt-in) opens a WebSocket to the server the person types: `wss:` anywhere (what `https:`
 * already allows for fetches), plain `ws:` only to this computer, where `npm run sync-server` listens by
 * default. SYNC_CONNECT_SRC at build time replaces those two extra sources (empty: no plain ws: at all).
 * Once a server is configured, src/remote/connect-policy.ts adds a second policy naming that server alone.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "media-src 'self' https: blob:",
  `connect-src 'self' https: ${process.env.SYNC_CONNECT_SRC ?? 'wss: ws://127.0.0.1:* ws://localhost:*'}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'mediastream-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export default defineConfig({
  // Relative URLs everywhere: the built site works from any sub-path of any static host or CDN.
  base: './',
  define: {
    // MEDIASTREAM_VERSION lets a test build a second version of the app to deploy over the first.
    __APP_VERSION__: JSON.stringify(process.env.MEDIASTREAM_VERSION ?? version),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Every browser that runs this app (ES2022, Web Locks, BroadcastChannel) knows modulepreload.
    modulePreload: { polyfill: false },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  plugins: [
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Registered by src/offline/service-worker.ts, which also runs the update prompt.
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // The shell, the catalog and the artwork; audio is cached whole at run time, never precached.
        globPatterns: ['**/*.{html,js,css,json,svg,png,webmanifest}'],
        globIgnores: ['audio/**'],
      },
      manifest: {
        name: 'MediaStream',
        short_name: 'MediaStream',
        description: 'A music player in your browser: every tab is one player, it remembers where you were, and it plays offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: THEME,
        background_color: '#0f0d18',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
});
