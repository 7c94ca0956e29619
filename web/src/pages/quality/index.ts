// The quality pages of a table resource as the page registry (nav/pages.ts) mounts them, the card that leads
// to them from the resource page, and their styles.
import '../../styles/quality.css';

export { IngestPage } from './ingest-page';
export { QualityPage } from './quality-page';
export { QualityLinks } from './resource-links';
