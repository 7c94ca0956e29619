import { z } from 'zod';
import { ALL_ROLES, checkRegionCode, checkUscc, text } from '../../kernel/index.js';
import { ipEntryProblem } from './domain/ip-allow.js';
import { passwordProblems } from './domain/password.js';

// Input schemas of the identity module, shared by HTTP routes (validation + OpenAPI) and services (so the
// CLI gets the same checks).

export const ORG_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export const CLIENT_SCOPES = [
  'exchange:read',
  'exchange:verify',
  'exchange:subscribe',
  'catalogue:read',
] as const;

const uscc = z.string().transform((v, ctx) => {
  const r = checkUscc(v);
  if (!r.ok || !r.value) {
    ctx.addIssue({ code: 'custom', message: r.issues.map((i) => i.message).join('; ') || 'invalid USCC' });
    return z.NEVER;
  }
  return r.value;
});

const regionCode = z.string().transform((v, ctx) => {
  const r = checkRegionCode(v.trim());
  if (!r.ok || !r.value) {
    ctx.addIssue({
      code: 'custom',
      message: r.issues.map((i) => i.message).join('; ') || 'unknown region code',
    });
    return z.NEVER;
  }
  return r.value.code;
});

const email = z.email('must be an e-mail address').max(200);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'must be a telephone number');

export const createOrganisationSchema = z.strictObject({
  name: text(100),
  shortName: text(30).optional(),
  uscc,
  regionCode,
  level: z.enum(ORG_LEVELS),
  parentId: z.uuid().optional(),
  isOperator: z.boolean().optional(),
  contactName: text(50).optional(),
  contactPhone: phone.optional(),
  contactEmail: email.optional(),
  /** 'generate' (default): the platform generates and keeps the key pairs; 'none': register public keys later. */
  keys: z.enum(['generate', 'none']).optional(),
});
export type CreateOrganisationInput = z.input<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z
  .strictObject({
    name: text(100),
    shortName: text(30).nullable(),
    regionCode,
    level: z.enum(ORG_LEVELS),
    parentId: z.uuid().nullable(),
    contactName: text(50).nullable(),
    contactPhone: phone.nullable(),
    contactEmail: email.nullable(),
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change' });
export type UpdateOrganisationInput = z.input<typeof updateOrganisationSchema>;

const password = z.string().superRefine((v, ctx) => {
  const p = passwordProblems(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});

export const roleSchema = z.enum(ALL_ROLES);

export const createUserSchema = z.strictObject({
  orgId: z.uuid(),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z][a-z0-9._-]{2,39}$/,
      'must be 3–40 characters: letters, digits, . _ -, starting with a letter',
    ),
  displayName: text(50),
  email: email.optional(),
  phone: phone.optional(),
  password,
  roles: z.array(roleSchema).max(8).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    displayName: text(50),
    email: email.nullable(),
    phone: phone.nullable(),
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change' });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const assignRoleSchema = z.strictObject({ role: roleSchema });

export const resetPasswordSchema = z.strictObject({ password });
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});

export const loginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, 'must be 6 digits')
    .optional(),
});
export type LoginInput = z.input<typeof loginSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const totpEnrollSchema = z.strictObject({ enrollmentToken: z.string().min(20).max(2000) });
export const totpConfirmSchema = z.strictObject({
  enrollmentToken: z.string().min(20).max(2000),
  totpCode: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
});

const ipEntry = z.string().superRefine((v, ctx) => {
  const p = ipEntryProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});

export const createClientSchema = z
  .strictObject({
    orgId: z.uuid(),
    name: text(80),
    authMethod: z.enum(['private_key_jwt', 'client_secret']),
    publicKeyPem: z.string().max(4000).optional(),
    ipAllow: z.array(ipEntry).max(50).optional(),
    scopes: z.array(z.enum(CLIENT_SCOPES)).min(1).max(CLIENT_SCOPES.length),
  })
  .refine((o) => o.authMethod !== 'private_key_jwt' || !!o.publicKeyPem, {
    message: 'required for private_key_jwt',
    path: ['publicKeyPem'],
  });
export type CreateClientInput = z.input<typeof createClientSchema>;

export const updateClientSchema = z
  .strictObject({
    name: text(80),
    ipAllow: z.array(ipEntry).max(50),
    scopes: z.array(z.enum(CLIENT_SCOPES)).min(1),
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change' });
export type UpdateClientInput = z.input<typeof updateClientSchema>;

/** Form body of the token endpoint (RFC 6749 §4.4 with RFC 7523 client assertions). */
export const tokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().max(100).optional(),
  client_secret: z.string().max(200).optional(),
  client_assertion_type: z.literal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer').optional(),
  client_assertion: z.string().max(8000).optional(),
  scope: z.string().max(500).optional(),
});
export type TokenRequestInput = z.input<typeof tokenRequestSchema>;

export const KEY_PURPOSES = ['signing', 'encryption'] as const;
export const registerKeySchema = z.strictObject({
  purpose: z.enum(KEY_PURPOSES),
  profile: z.enum(['intl', 'sm']),
  publicKeyPem: z.string().max(4000).optional(),
  publicKeyHex: z
    .string()
    .regex(/^04[0-9a-fA-F]{128}$/, 'must be an uncompressed SM2 point (04 + 128 hex)')
    .optional(),
});
export type RegisterKeyInput = z.input<typeof registerKeySchema>;

export const rotateKeySchema = z.strictObject({
  purpose: z.enum(KEY_PURPOSES),
  profile: z.enum(['intl', 'sm']),
});

export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  orgId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListQuery = z.output<typeof listQuerySchema>;
