// The package pages (数据包, docs/packages.md) as the page registry (nav/pages.ts) mounts them, and their
// styles. The request form sits on a grant's page of 我的数据 (pages/exchange/grant-data-page.tsx).
import '../../styles/packages.css';

export { GrantPackages } from './grant-packages';
export { PackagesPage } from './packages-page';
