// Demo city flow: the public door.
export { seedDemoCity, demoUscc, type DemoCredential } from './demo-city.js';
export { DEMO_PASSWORD, DEMO_TOTP } from './demo-city.data.js';
export * from './datasets/index.js';
