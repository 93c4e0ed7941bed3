/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Built straight into the jar's static resources: Maven runs this in generate-resources, so ./mvnw alone builds and
// runs everything. File names carry no hash: Spring's resource chain versions the URLs by content (see
// application.properties), and Thymeleaf's @{...} links pick the versioned names up.
export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '../target/classes/static/app'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        vigil: resolve(import.meta.dirname, 'src/main.ts'),
        dashboard: resolve(import.meta.dirname, 'src/dashboard.ts'),
      },
      // htmx carries an eval() for hx-on attributes, which Vigil switches off (htmx.config.allowEval = false)
      onwarn(warning, warn) {
        if (warning.code !== 'EVAL') warn(warning);
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
