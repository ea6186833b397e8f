/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app registers the worker itself and decides when an update is applied.
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Homeroom — классный руководитель',
        short_name: 'Homeroom',
        lang: 'ru',
        start_url: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,ttf}'],
        navigateFallback: '/index.html',
        // The first page is controlled at once, so airplane mode works after the first visit;
        // updates still wait for the user (no skipWaiting).
        clientsClaim: true,
        // API responses are never cached: they are personal and marked no-store.
        navigateFallbackDenylist: [/^\/couch\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/couch': 'http://127.0.0.1:8080' },
  },
  build: {
    target: 'es2022',
    // Production ships no source maps: they would publish the source to every visitor.
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'sync-server/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Server suites start a server and sign several people in before their tests; on a busy
    // 2-core machine that can take longer than Vitest's default 10 s.
    hookTimeout: 120_000,
  },
});
