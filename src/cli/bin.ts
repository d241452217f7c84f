#!/usr/bin/env node
import { cli } from './main.js';
import { processIO } from './io.js';

const code = await cli(process.argv.slice(2), processIO());
// Let pending stdout writes flush before exiting.
process.exitCode = code;
