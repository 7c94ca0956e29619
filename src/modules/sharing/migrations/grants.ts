import type { EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's grants (filled in by its owner). */
export const grantsMigrations: EngineMigration[] = [];
