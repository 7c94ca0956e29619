// The exchange pages (共享交换, issue 8 §6) as the page registry (nav/pages.ts) mounts them, and their styles.
import '../../styles/exchange.css';

export { AccessLogPage } from './access-log-page';
export { GrantDataPage } from './grant-data-page';
export { MyDataPage } from './my-data-page';
