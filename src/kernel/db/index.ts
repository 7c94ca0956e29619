export * from './database.js';
export * from './columns.js';
export * from './migrate.js';
export * from './errors.js';
export * from './epoch-probe.js';
