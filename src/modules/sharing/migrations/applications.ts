import type { EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's applications (filled in by its owner). */
export const applicationsMigrations: EngineMigration[] = [];
