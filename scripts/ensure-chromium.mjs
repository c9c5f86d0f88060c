// Makes sure Debian's Chromium is at /usr/bin/chromium for the real-browser tests.
// Installs it with apt-get when missing and running as root; otherwise fails with one line.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const BIN = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(BIN)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Chromium not found at ${BIN}: install it with "sudo apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  process.exit(1);
}
console.log('Installing Debian chromium for the browser tests (apt-get)...');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
} catch {
  console.error('Could not install chromium with apt-get: install it by hand ("apt-get install -y chromium").');
  process.exit(1);
}
if (!existsSync(BIN)) {
  console.error(`apt-get finished but ${BIN} is missing.`);
  process.exit(1);
}
