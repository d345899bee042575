#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx gongkai …` needs no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX for @kitajs/html …) whatever the current directory: `npx gongkai scan` runs on any folder.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
