import { loadConfig } from '../kernel/index.js';
import { createPlatform, type Platform } from '../server/platform.js';
import { printError } from './output.js';

/** Runs fn with an open platform, closing it afterwards and printing errors uniformly. */
export async function withPlatform(fn: (p: Platform) => Promise<void>): Promise<void> {
  let p: Platform | undefined;
  try {
    p = await createPlatform(loadConfig());
    await fn(p);
  } catch (e) {
    printError(e);
  } finally {
    await p?.close();
  }
}
