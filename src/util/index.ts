/** Small utilities every layer may import (a leaf: imports nothing of ours). */
export * from './pointer.js';
export * from './guards.js';
export * from './errors.js';
export * from './unsafe-keys.js';
export * from './text.js';
