// The shipped official schedules.
export { CN_2025 } from './cn-2025.js';
export { CN_2026 } from './cn-2026.js';
