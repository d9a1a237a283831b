/** `package.json` version and the build id, injected by Vite `define` (see vite.config.ts). */
export const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
export const buildId = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'dev';
