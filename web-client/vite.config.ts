/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API and the gateway to a running platform (default: the gateway on 8080).
const api = process.env.GUILDHALL_API ?? 'http://localhost:8080';

// The gateway checks Origin (CORS); requests through the proxy present the target's own origin.
const sameOrigin = {
  target: api,
  changeOrigin: true,
  configure: (proxy: { on: (event: string, fn: (req: { setHeader(n: string, v: string): void }) => void) => void }) => {
    proxy.on('proxyReq', (req) => req.setHeader('origin', api));
    proxy.on('proxyReqWs', (req) => req.setHeader('origin', api));
  },
};

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': sameOrigin,
      '/gateway': { ...sameOrigin, ws: true },
      '/.well-known': sameOrigin,
    },
  },
  // pre-bundled up front so the dev server never reloads the page when a lazy chunk first needs it
  optimizeDeps: { include: ['qrcode-generator', '@tanstack/react-virtual'] },
  build: { target: 'es2022', sourcemap: false },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/lib/**/*.test.mjs'],
  },
});
