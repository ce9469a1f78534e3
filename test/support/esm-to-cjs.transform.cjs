/**
 * NestJS 12 ships as ES modules; Jest (on Node < 24.9) cannot require them. This transform turns
 * those node_modules files into CommonJS for the test runtime only (the built app runs them natively).
 * import.meta.* and dynamic import() are mapped to their CommonJS equivalents.
 */
const { createHash } = require('node:crypto');
const esbuild = require('esbuild');

module.exports = {
  process(src, filename) {
    const out = esbuild.transformSync(src, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'inline',
      supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__esmMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
      banner: 'var __esmMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      logLevel: 'silent',
    });
    return { code: out.code };
  },
  getCacheKey(src, filename) {
    return createHash('sha1').update('esm-to-cjs-v1').update(filename).update(src).digest('hex');
  },
};
