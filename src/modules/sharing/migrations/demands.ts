import type { EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's demands (filled in by its owner). */
export const demandsMigrations: EngineMigration[] = [];
