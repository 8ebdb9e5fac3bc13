import { version } from '../../../package.json';

/** The product's version, from package.json (esbuild inlines it into the bundles). */
export const PRODUCT_VERSION: string = version;
