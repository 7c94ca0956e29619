export * from './database.js';
export { preparedOnPostgres } from './prepared.js';
export { answerLaterOnPostgres } from './pg-client.js';
export * from './columns.js';
export * from './migrate.js';
export * from './errors.js';
export * from './epoch-probe.js';
