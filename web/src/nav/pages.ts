import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/zh-CN';
import { AccountPage } from '../pages/account-page';
import { AuditPage } from '../pages/audit-page';
import { OrgUsersPage } from '../pages/org-users-page';
import { OrganisationsPage } from '../pages/organisations-page';
import { OverviewPage } from '../pages/overview-page';
import { PlatformKeysPage } from '../pages/platform-keys-page';
import { UsersPage } from '../pages/users-page';

// The page registry: which pages exist, where they live and which roles see them in the menu. The menu and
// the router both read it, so a page a role may not see is neither listed nor reachable by URL.
//
// Extension point — upcoming pages are added here once their APIs exist, each with a component under
// pages/, a 'nav.*' key in both dictionaries and its roles:
//   inbox  (消息)  path '/inbox',  group 'workspace', roles: 'everyone'
//   alerts (告警)  path '/alerts', group 'security'
//   jobs   (任务)  path '/jobs',   group 'admin'
// Until then they have no entry, so no menu item points at a page that does not exist.

export type NavGroup = 'workspace' | 'admin' | 'security';

export interface PageDef {
  id: string;
  path: string;
  label: MessageKey;
  group: NavGroup;
  /** 'everyone', or the roles any one of which shows the page. */
  roles: 'everyone' | readonly string[];
  component: ComponentType;
}

export const PAGES: readonly PageDef[] = [
  {
    id: 'overview',
    path: '/overview',
    label: 'nav.overview',
    group: 'workspace',
    roles: 'everyone',
    component: OverviewPage,
  },
  {
    id: 'account',
    path: '/account',
    label: 'nav.account',
    group: 'workspace',
    roles: 'everyone',
    component: AccountPage,
  },
  {
    id: 'organisations',
    path: '/organisations',
    label: 'nav.organisations',
    group: 'admin',
    roles: ['sysadmin', 'reviewer'],
    component: OrganisationsPage,
  },
  {
    id: 'users',
    path: '/users',
    label: 'nav.users',
    group: 'admin',
    roles: ['sysadmin', 'secadmin'],
    component: UsersPage,
  },
  {
    id: 'org-users',
    path: '/org-users',
    label: 'nav.orgUsers',
    group: 'admin',
    roles: ['org_admin'],
    component: OrgUsersPage,
  },
  {
    id: 'platform-keys',
    path: '/platform-keys',
    label: 'nav.platformKeys',
    group: 'security',
    roles: ['secadmin'],
    component: PlatformKeysPage,
  },
  {
    id: 'audit',
    path: '/audit',
    label: 'nav.audit',
    group: 'security',
    roles: ['auditor'],
    component: AuditPage,
  },
];

export const GROUP_LABELS: Record<NavGroup, MessageKey> = {
  workspace: 'nav.group.workspace',
  admin: 'nav.group.admin',
  security: 'nav.group.security',
};

export const HOME_PATH = '/overview';

/** The pages a user with these roles may open, in menu order. */
export function pagesFor(roles: readonly string[]): PageDef[] {
  return PAGES.filter((p) => p.roles === 'everyone' || p.roles.some((r) => roles.includes(r)));
}
