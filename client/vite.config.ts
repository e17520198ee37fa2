import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const api = process.env.API_ORIGIN ?? "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/graphql": { target: api, ws: true }, "/auth": api, "/export": api, "/healthz": api },
  },
  build: { outDir: "dist", sourcemap: "hidden", chunkSizeWarningLimit: 450 },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    // User-event flows through several mocked round trips take a few seconds on a loaded 2-core machine.
    testTimeout: 15_000,
  },
});
