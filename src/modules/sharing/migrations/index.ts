import type { EngineMigration } from '../../../kernel/index.js';
import { applicationsMigrations } from './applications.js';
import { demandsMigrations } from './demands.js';
import { grantsMigrations } from './grants.js';

/** The sharing module's migrations, in order. */
export const sharingMigrations: EngineMigration[] = [
  ...applicationsMigrations,
  ...grantsMigrations,
  ...demandsMigrations,
];
