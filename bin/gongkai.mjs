#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx gongkai …` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
