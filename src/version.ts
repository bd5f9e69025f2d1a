/** This lrkit's version (package.json's): `lrkit --version`, and what a queue worker checks a sweep's trials against. */
export const LRKIT_VERSION = "0.1.0";
