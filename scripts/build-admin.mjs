// Builds the back office (web/admin) into dist/admin unless it is already up to date.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const src = 'web/admin';
const out = 'dist/admin/index.html';

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

if (!fs.existsSync(path.join(src, 'index.html'))) {
  console.log('[admin] web/admin has no index.html yet: skipping the back-office build');
  process.exit(0);
}
const lock = fs.statSync('package-lock.json').mtimeMs;
if (fs.existsSync(out) && fs.statSync(out).mtimeMs > Math.max(newest(src), lock)) {
  console.log('[admin] dist/admin is up to date');
  process.exit(0);
}
console.log('[admin] building the back office with Vite …');
execFileSync('npx', ['vite', 'build', '--config', 'web/admin/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
