/**
 * Vitest global setup: one emulator (moto_server and the Security Hub front)
 * per worker slot, started once for the whole run. A test file finds its own
 * by the worker's VITEST_POOL_ID (see emulator.ts) and resets it before use.
 */
import type { TestProject } from 'vitest/node';
import { findOrInstallMoto, startEmulator, type Emulator } from '../../src/emulator/moto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The emulator endpoint of each worker slot: index VITEST_POOL_ID - 1. */
    emulatorEndpoints: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const slots = Number(project.config.maxWorkers) || 1;
  // Found (or installed into .rampart/moto-venv) once, before the emulators start side by side.
  findOrInstallMoto({ log: (line) => console.log(line) });
  const emulators: Emulator[] = await Promise.all(Array.from({ length: slots }, () => startEmulator()));
  project.provide('emulatorEndpoints', emulators.map((e) => e.endpoint));
  return async () => {
    await Promise.all(emulators.map((e) => e.stop()));
  };
}
