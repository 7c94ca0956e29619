import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/zh-CN';
import { AccountPage } from '../pages/account-page';
import { AlertDetailPage } from '../pages/alert-detail-page';
import { AlertsPage } from '../pages/alerts-page';
import { AuditPage } from '../pages/audit-page';
import { CalendarPage } from '../pages/calendar-page';
import { AccessLogPage, GrantDataPage, MyDataPage } from '../pages/exchange';
import {
  CatalogueBrowsePage,
  EditResourcePage,
  MyCataloguePage,
  NewResourcePage,
  PolicyPage,
  ResourcePage,
  ReviewQueuePage,
} from '../pages/catalogue';
import { InboxPage } from '../pages/inbox-page';
import { JobDetailPage } from '../pages/job-detail-page';
import { JobsPage } from '../pages/jobs-page';
import { LedgerPage } from '../pages/ledger-page';
import { NotarisePage } from '../pages/notarise-page';
import { ObjectionPage, ObjectionsPage } from '../pages/objections';
import { OrgUsersPage } from '../pages/org-users-page';
import { OrganisationsPage } from '../pages/organisations-page';
import { OverviewPage } from '../pages/overview-page';
import { PackagesPage } from '../pages/packages';
import { PlatformKeysPage } from '../pages/platform-keys-page';
import { IngestPage, QualityPage } from '../pages/quality';
import {
  AmendPage,
  ApplicationPage,
  ApplicationsPage,
  ApplyPage,
  DemandsPage,
  GrantPage,
  GrantsPage,
  QueuePage,
} from '../pages/sharing';
import { TracePage } from '../pages/trace';
import { UsersPage } from '../pages/users-page';
import { VerifyPage } from '../pages/verify-page';
import { WebhookDeliveriesPage } from '../pages/webhook-deliveries-page';
import { WebhooksPage } from '../pages/webhooks-page';

// The page registry: which pages exist, where they live and which roles see them in the menu. The menu and
// the router both read it, so a page a role may not see is neither listed nor reachable by URL.
//
// Extension point — a new page gets an entry here, a component under pages/, a 'nav.*' key in both
// dictionaries and its roles. A page may have a detail view at `${path}/<id>` (e.g. /alerts/<id>), reached
// from its list and from inbox links; the detail is visible exactly when its page is.
//
// Public pages (PUBLIC_PATHS) are also reachable without a session: the app shows them in a public frame
// instead of the login page. Logged in, the same path opens inside the console like any other page.
//
// A page may also have sub-pages, reached by links only (never listed in the menu): visible exactly when
// their page is, and shown as part of it — its menu entry stays highlighted and the breadcrumb leads back to
// it (/catalogue/policy under 资源目录). A detail may sit under a suffix: `${path}/<id>/${suffix}`.

export type NavGroup = 'workspace' | 'catalogue' | 'sharing' | 'admin' | 'security';

/** The view of one item: at `${path}/<id>`, or `${path}/<id>/${suffix}` when a suffix is given. */
export interface DetailDef {
  component: ComponentType<{ id: string }>;
  label: MessageKey;
  suffix?: string;
}

/** A page reached from another one (see above). */
export interface SubPageDef {
  path: string;
  label: MessageKey;
  /** What `path` itself shows; without one, only the detail views exist. */
  component?: ComponentType;
  detail?: DetailDef;
}

export interface PageDef {
  id: string;
  path: string;
  label: MessageKey;
  group: NavGroup;
  /** 'everyone', or the roles any one of which shows the page. */
  roles: 'everyone' | readonly string[];
  component: ComponentType;
  /** The view of one item at `${path}/<id>`, with its title. */
  detail?: DetailDef;
  subPages?: readonly SubPageDef[];
}

/** The page (and, for a detail view, the item id) a path shows. */
export interface RouteMatch {
  page: PageDef;
  id?: string;
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
    id: 'inbox',
    path: '/inbox',
    label: 'nav.inbox',
    group: 'workspace',
    roles: 'everyone',
    component: InboxPage,
  },
  {
    id: 'calendar',
    path: '/calendar',
    label: 'nav.calendar',
    group: 'workspace',
    roles: 'everyone',
    component: CalendarPage,
  },
  {
    id: 'notarise',
    path: '/notarise',
    label: 'nav.notarise',
    group: 'workspace',
    roles: 'everyone',
    component: NotarisePage,
  },
  {
    id: 'verify',
    path: '/verify',
    label: 'nav.verify',
    group: 'workspace',
    roles: 'everyone',
    component: VerifyPage,
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
    id: 'catalogue',
    path: '/catalogue',
    label: 'nav.catalogue',
    group: 'catalogue',
    roles: 'everyone',
    component: CatalogueBrowsePage,
    subPages: [
      {
        path: '/catalogue/resources',
        label: 'nav.catalogue',
        component: CatalogueBrowsePage,
        detail: { component: ResourcePage, label: 'catalogue.resource.title' },
      },
      { path: '/catalogue/policy', label: 'catalogue.policy.title', component: PolicyPage },
      // A table resource's 数据归集 and 数据质量, reached from its page (each page says who may act).
      {
        path: '/catalogue/resources',
        label: 'nav.catalogue',
        detail: { component: IngestPage, label: 'quality.ingest.title', suffix: 'ingest' },
      },
      {
        path: '/catalogue/resources',
        label: 'nav.catalogue',
        detail: { component: QualityPage, label: 'quality.score.title', suffix: 'quality' },
      },
    ],
  },
  {
    id: 'catalogue-mine',
    path: '/catalogue/mine',
    label: 'nav.catalogueMine',
    group: 'catalogue',
    roles: ['steward'],
    component: MyCataloguePage,
    subPages: [
      {
        path: '/catalogue/resources',
        label: 'nav.catalogueMine',
        detail: { component: EditResourcePage, label: 'catalogue.editor.editTitle', suffix: 'edit' },
      },
    ],
  },
  {
    id: 'catalogue-new',
    path: '/catalogue/new',
    label: 'nav.catalogueNew',
    group: 'catalogue',
    roles: ['steward'],
    component: NewResourcePage,
  },
  {
    id: 'catalogue-review',
    path: '/catalogue/review',
    label: 'nav.catalogueReview',
    group: 'catalogue',
    roles: ['reviewer'],
    component: ReviewQueuePage,
  },
  // 数据共享 (issue 7): the parties of the workflow see it — consumers apply, provider approvers decide, the
  // bureau's reviewers pre-review, route and mediate. Stewards and org admins may read their organisation's
  // applications through the API but have no part to play here, so their menu stays as it is.
  {
    id: 'sharing-demands',
    path: '/sharing/demands',
    label: 'nav.sharingDemands',
    group: 'sharing',
    roles: ['consumer', 'approver', 'reviewer'],
    component: DemandsPage,
  },
  {
    id: 'sharing-applications',
    path: '/sharing/applications',
    label: 'nav.sharingApplications',
    group: 'sharing',
    roles: ['consumer', 'approver', 'reviewer'],
    component: ApplicationsPage,
    detail: { component: ApplicationPage, label: 'sharing.app.detail' },
    subPages: [
      { path: '/sharing/apply', label: 'sharing.apply.title', component: ApplyPage },
      {
        path: '/sharing/applications',
        label: 'sharing.apply.amendTitle',
        detail: { component: AmendPage, label: 'sharing.apply.amendTitle', suffix: 'edit' },
      },
    ],
  },
  {
    id: 'sharing-queue',
    path: '/sharing/queue',
    label: 'nav.sharingQueue',
    group: 'sharing',
    roles: ['approver', 'reviewer'],
    component: QueuePage,
  },
  {
    id: 'sharing-grants',
    path: '/sharing/grants',
    label: 'nav.sharingGrants',
    group: 'sharing',
    roles: ['consumer', 'approver', 'reviewer'],
    component: GrantsPage,
    detail: { component: GrantPage, label: 'sharing.grant.detail' },
  },
  // 共享交换 (issue 8 §6): a consumer browses granted data through the exchange, as API clients do; who
  // accessed what is shown to the provider's approvers, the consumer's consumers, and — everything — to the
  // bureau's reviewers and the auditors (who read the evidence anyway).
  {
    id: 'exchange-data',
    path: '/exchange/data',
    label: 'nav.exchangeData',
    group: 'sharing',
    roles: ['consumer'],
    component: MyDataPage,
    detail: { component: GrantDataPage, label: 'exchange.data.detail' },
  },
  // 数据包 (issue 9 §1): the consumer organisation's packages, asked for on a grant's page of 我的数据.
  {
    id: 'exchange-packages',
    path: '/exchange/packages',
    label: 'nav.exchangePackages',
    group: 'sharing',
    roles: ['consumer'],
    component: PackagesPage,
  },
  {
    id: 'exchange-access',
    path: '/exchange/access',
    label: 'nav.exchangeAccess',
    group: 'sharing',
    roles: ['consumer', 'approver', 'reviewer', 'auditor'],
    component: AccessLogPage,
  },
  // 数据异议 (issue 9): the provider's approvers and stewards answer objections to their organisation's data,
  // consumers raise them from 我的数据 and follow and rate them here, the bureau's reviewers raise, read all and
  // receive escalations, the auditors read all. Notifications link to the detail (/objections/<id>).
  {
    id: 'objections',
    path: '/objections',
    label: 'nav.objections',
    group: 'sharing',
    roles: ['consumer', 'approver', 'steward', 'reviewer', 'auditor'],
    component: ObjectionsPage,
    detail: { component: ObjectionPage, label: 'objections.detail.title' },
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
    id: 'webhooks',
    path: '/webhooks',
    label: 'nav.webhooks',
    group: 'admin',
    roles: ['org_admin', 'sysadmin'],
    component: WebhooksPage,
    detail: { component: WebhookDeliveriesPage, label: 'webhooks.deliveries' },
  },
  {
    id: 'jobs',
    path: '/jobs',
    label: 'nav.jobs',
    group: 'admin',
    roles: ['sysadmin'],
    component: JobsPage,
    detail: { component: JobDetailPage, label: 'jobs.detail' },
  },
  {
    // Alerts are routed to roles; every user may hold one that receives them (the list may be empty).
    id: 'alerts',
    path: '/alerts',
    label: 'nav.alerts',
    group: 'security',
    roles: 'everyone',
    component: AlertsPage,
    detail: { component: AlertDetailPage, label: 'alerts.detail' },
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
  {
    // Auditors read the whole log; the secadmin (who registers witnesses and sets the quorum through the API)
    // sees it read-only, with leaf hashes instead of entry bodies.
    id: 'ledger',
    path: '/ledger',
    label: 'nav.ledger',
    group: 'security',
    roles: ['auditor', 'secadmin'],
    component: LedgerPage,
  },
  {
    // 泄露溯源 (issue 9 §3): which grant received the rows of a leaked file — the exchange.trace permission.
    id: 'exchange-trace',
    path: '/exchange/trace',
    label: 'nav.exchangeTrace',
    group: 'security',
    roles: ['secadmin', 'auditor'],
    component: TracePage,
  },
];

/** Pages open to anyone, also before login (receipts are verified by courts, citizens, other agencies). */
export const PUBLIC_PATHS: readonly string[] = ['/verify'];

export const GROUP_LABELS: Record<NavGroup, MessageKey> = {
  workspace: 'nav.group.workspace',
  catalogue: 'nav.group.catalogue',
  sharing: 'nav.group.sharing',
  admin: 'nav.group.admin',
  security: 'nav.group.security',
};

export const HOME_PATH = '/overview';

/** The pages a user with these roles may open, in menu order. */
export function pagesFor(roles: readonly string[]): PageDef[] {
  return PAGES.filter((p) => p.roles === 'everyone' || p.roles.some((r) => roles.includes(r)));
}

/** The public page a path shows to a visitor without a session, if any. */
export function matchPublicRoute(path: string): RouteMatch | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const page = PAGES.find((p) => p.path === clean && PUBLIC_PATHS.includes(p.path));
  return page && { page };
}

const ID_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

/** Whether a path is `path` itself (id undefined) or one of its detail views (the id); null if neither. */
function matchOne(
  path: string,
  hasOwn: boolean,
  detail: DetailDef | undefined,
  clean: string,
): { id?: string } | null {
  if (clean === path) return hasOwn ? {} : null;
  if (!detail || !clean.startsWith(`${path}/`)) return null;
  let id = clean.slice(path.length + 1);
  if (detail.suffix) {
    if (!id.endsWith(`/${detail.suffix}`)) return null;
    id = id.slice(0, -detail.suffix.length - 1);
  }
  return ID_SEGMENT.test(id) ? { id } : null;
}

/**
 * The page for a path among the user's pages: its list (`/alerts`), the detail of one item (`/alerts/<id>`),
 * or one of its sub-pages — returned as the page itself, with the sub-page's label, view and detail.
 */
export function matchRoute(pages: readonly PageDef[], path: string): RouteMatch | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const page of pages) {
    const own = matchOne(page.path, true, page.detail, clean);
    if (own) return { page, ...own };
    for (const sub of page.subPages ?? []) {
      const m = matchOne(sub.path, sub.component !== undefined, sub.detail, clean);
      if (m)
        return {
          page: { ...page, label: sub.label, component: sub.component ?? page.component, detail: sub.detail },
          ...m,
        };
    }
  }
  return undefined;
}
