import {
  forbidden,
  scopeOf,
  type Actor,
  type AnyTx,
  type PublicKeyInfo,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { organisationsRepo } from './organisations.repository.js';
import { usersRepo } from './users.repository.js';
import { clientsRepo } from './clients.repository.js';
import { AuthService } from './auth.service.js';
import { BootstrapService } from './bootstrap.service.js';
import { ClientsService } from './clients.service.js';
import type { IdentityDeps } from './identity.deps.js';
import { ClientTokenCache } from './client-token-cache.js';
import { identityEpoch } from './epoch.repository.js';
import { OrganisationsService } from './organisations.service.js';
import { PlatformKeysService } from './platform-keys.service.js';
import { UsersService } from './users.service.js';

// The identity module assembled from its services.

/** Counts shown on the console's overview page. */
export interface IdentityOverview {
  organisationsByLevel: { level: string; n: number }[];
  organisationsByRegion: { regionCode: string; regionName: string | null; n: number }[];
  usersByRole: { role: string; n: number }[];
}

/** What other modules may know of an organisation without any permission: its public registration. */
/** What other modules may know of an API client: whom it belongs to and whether it is active. */
export interface DirectoryClient {
  id: string;
  orgId: string;
  name: string;
  status: string;
}

export interface DirectoryOrg {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  isOperator: boolean;
  status: string;
}

/** The identity module's services. */
export interface Identity {
  organisations: OrganisationsService;
  users: UsersService;
  clients: ClientsService;
  auth: AuthService;
  bootstrap: BootstrapService;
  platformKeys: PlatformKeysService;
  /** Verifies a bearer token of a user or an API client. */
  authenticate(token: string, ip: string | undefined): Promise<Actor>;
  /** The logged-in user with their organisation. */
  me(ctx: RequestContext): Promise<unknown>;
  /** Who holds what, for routing notifications and alerts (internal: no authorization, ids only). */
  directory: {
    usersWithRole(tx: AnyTx, role: Role, orgId?: string): Promise<{ id: string; orgId: string }[]>;
    operatorOrgId(tx: AnyTx): Promise<string | null>;
    /** Public registration facts of organisations (name, USCC, region) by id; unknown ids are absent. */
    organisations(tx: AnyTx, ids: readonly string[]): Promise<Map<string, DirectoryOrg>>;
    /** An organisation's active encryption public key under a profile (packages are sealed to it). */
    encryptionKey(
      tx: AnyTx,
      orgId: string,
      profile: string,
    ): Promise<(PublicKeyInfo & { id: string }) | null>;
    /** API clients by id (owner organisation, name, status); unknown ids are absent. */
    clients(tx: AnyTx, ids: readonly string[]): Promise<Map<string, DirectoryClient>>;
  };
  /** Counts for the overview page. */
  overview(ctx: RequestContext): Promise<IdentityOverview>;
}

/** Builds the identity module. */
export function createIdentity(deps: IdentityDeps): Identity {
  // One token cache for the process's identity module: client and organisation changes both clear it.
  const clientTokens = new ClientTokenCache(() => identityEpoch.read(deps.db.kysely));
  const organisations = new OrganisationsService(deps, () => clientTokens.invalidate());
  const users = new UsersService(deps);
  const clients = new ClientsService(deps, clientTokens);
  const auth = new AuthService(deps);
  return {
    organisations,
    users,
    clients,
    auth,
    bootstrap: new BootstrapService(deps, organisations),
    platformKeys: new PlatformKeysService(deps),
    async authenticate(token, ip) {
      // The kind claim decides the path; both paths verify the signature before trusting anything.
      const kind = peekKind(token);
      return kind === 'client' ? clients.authenticateClient(token, ip) : auth.authenticateUser(token);
    },
    directory: {
      async usersWithRole(tx, role, orgId) {
        return (await usersRepo.withRole(tx, role, orgId)).map((u) => ({ id: u.id, orgId: u.org_id }));
      },
      async encryptionKey(tx, orgId, profile) {
        const k = await organisationsRepo.activeKey(tx, orgId, 'encryption', profile);
        if (!k) return null;
        return {
          id: k.id,
          alg: k.alg as PublicKeyInfo['alg'],
          publicPem: k.public_pem,
          ...(k.public_hex && { publicHex: k.public_hex }),
        };
      },
      async operatorOrgId(tx) {
        return (await organisationsRepo.operator(tx))?.id ?? null;
      },
      async clients(tx, ids) {
        const rows = await clientsRepo.byIds(tx, [...new Set(ids)]);
        return new Map(
          rows.map((c) => [c.id, { id: c.id, orgId: c.org_id, name: c.name, status: c.status }]),
        );
      },
      async organisations(tx, ids) {
        const rows = await organisationsRepo.byIds(tx, [...new Set(ids)]);
        return new Map(
          rows.map((o) => [
            o.id,
            {
              id: o.id,
              name: o.name,
              uscc: o.uscc,
              regionCode: o.region_code,
              isOperator: o.is_operator === 1,
              status: o.status,
            },
          ]),
        );
      },
    },
    async overview(ctx) {
      // Platform-wide counts are for platform roles; users by role only for those who administer users.
      if (scopeOf(ctx, 'org.read') !== 'platform') throw forbidden('org.read (platform)');
      const [byLevel, byRegion, byRole] = await Promise.all([
        organisations.statsByLevel(ctx),
        organisations.statsByRegion(ctx),
        scopeOf(ctx, 'user.read') === 'platform' ? users.statsByRole(ctx) : Promise.resolve([]),
      ]);
      return { organisationsByLevel: byLevel, organisationsByRegion: byRegion, usersByRole: byRole };
    },
    async me(ctx) {
      const [user, organisation] = await Promise.all([users.self(ctx), organisations.own(ctx)]);
      return { user, organisation, roles: ctx.actor.roles, mfa: ctx.actor.mfa };
    },
  };
}

function peekKind(token: string): string | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { kind?: string }).kind;
  } catch {
    return undefined;
  }
}
