// The objection pages (数据异议/纠错, docs/objections.md) as the page registry (nav/pages.ts) mounts them, and
// their styles. The raise form is reached from 我的数据 (pages/exchange/records-browser.tsx).
import '../../styles/objections.css';

export { ObjectionPage } from './objection-page';
export { ObjectionsPage } from './objections-page';
