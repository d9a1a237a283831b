/** Replaced at build time by Vite `define` (vite.config.ts). */
declare const __APP_VERSION__: string;
declare const __BUILD_ID__: string;
