// Copies the generated ajv standalone code into dist/ as it is: tsc would re-print
// 570 KB of JavaScript (slower builds, a bigger file to load at every start).
import { copyFileSync, mkdirSync } from 'node:fs';

const FILES = ['src/validate/generated/validators.js', 'src/validate/generated/validators.d.ts'];
mkdirSync('dist/src/validate/generated', { recursive: true });
for (const file of FILES) copyFileSync(file, `dist/${file}`);
