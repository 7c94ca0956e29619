import type { AnyTx, AuditPort, Clock, Db, Role } from '../../kernel/index.js';
import type { DirectoryOrg } from '../identity/index.js';
import type { NotificationsService } from '../notifications/index.js';

/** Dependencies of the catalogue module. */
export interface CatalogueDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  notifications: NotificationsService;
  directory: {
    organisations(tx: AnyTx, ids: readonly string[]): Promise<Map<string, DirectoryOrg>>;
    operatorOrgId(tx: AnyTx): Promise<string | null>;
    usersWithRole(tx: AnyTx, role: Role, orgId?: string): Promise<{ id: string; orgId: string }[]>;
  };
  /** The platform's public origin (IRIs of the DCAT export). */
  publicUrl: string;
  /** Where the content-addressed file store lives (`<dataDir>/files`). */
  dataDir: string;
  /** Encrypts and decrypts graded files at rest (AES-256-GCM or SM4 per profile). */
  fileCipher: FileCipher;
}

/** Authenticated encryption of whole files at rest, bound to the file's digest. */
export interface FileCipher {
  seal(plain: Buffer, digest: string): Buffer;
  open(sealed: Buffer, digest: string): Buffer;
}
