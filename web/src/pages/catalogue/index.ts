// The catalogue pages as the page registry (nav/pages.ts) mounts them, and their styles.
import '../../styles/catalogue.css';

export { CatalogueBrowsePage, MyCataloguePage } from './browse-page';
export { EditResourcePage, NewResourcePage } from './editor-page';
export { PolicyPage } from './policy-page';
export { ResourcePage } from './resource-page';
export { ReviewQueuePage } from './review-page';
