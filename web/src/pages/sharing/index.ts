// The sharing pages (共享申请与审核授权) as the page registry (nav/pages.ts) mounts them, and their styles.
import '../../styles/sharing.css';

export { AmendPage, ApplyPage } from './apply-page';
export { ApplicationPage } from './application-page';
export { ApplicationsPage } from './applications-page';
export { DemandsPage } from './demands-page';
export { GrantPage } from './grant-page';
export { GrantsPage } from './grants-page';
export { QueuePage } from './queue-page';
