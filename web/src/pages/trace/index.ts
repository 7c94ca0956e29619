// The leak-trace page (泄露溯源, docs/watermarks.md) as the page registry (nav/pages.ts) mounts it, and its
// styles.
import '../../styles/trace.css';

export { TracePage } from './trace-page';
