/**
 * `node --import <this file>` records the modules the process imports into the
 * file named by RAMPART_IMPORT_LOG (see import-hooks.ts). Works on Node 20.6+ and 22.
 */
import { register } from 'node:module';

register('./import-hooks.js', import.meta.url, { data: { logFile: process.env.RAMPART_IMPORT_LOG } });
