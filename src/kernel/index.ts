// The kernel's public door: everything modules, flows, server and CLI may use from the kernel.
export * from './errors.js';
export * from './clock.js';
export * from './ids.js';
export * from './audit-columns.js';
export * from './jcs.js';
export * from './config.js';
export * from './logger.js';
export * from './context.js';
export * from './access.js';
export * from './audit.js';
export * from './db/index.js';
export * from './validation.js';
export * from './http/index.js';
export * from './crypto/index.js';
export * from './codes/index.js';
export * from './net/index.js';
export * from './module-worker.js';
