#!/usr/bin/env node
// Thin launcher: run the compiled CLI (npm run build first; `npm start` does it for you).
import('../dist/cli/main.js');
