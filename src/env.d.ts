/** Replaced at build time with package.json's version. */
declare const __SC_VERSION__: string;
