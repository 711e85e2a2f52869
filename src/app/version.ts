declare const __APP_VERSION__: string;

/** The version of this build (package.json's, unless the build was given another). */
export const APP_VERSION: string = __APP_VERSION__;
