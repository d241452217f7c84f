export { packageRoot } from '../package-root.js';
