// Makes sure Debian's PostgreSQL server is installed for the PostgreSQL tests (each test run starts
// its own throwaway server in a temp dir on loopback; nothing is started here). Installs it with
// apt-get when missing and running as root; otherwise says so in one line. Without it, those tests
// skip with that line locally and fail under CI=true.
import { existsSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';

const ROOT = '/usr/lib/postgresql';
const installed = () => existsSync(ROOT) && readdirSync(ROOT).some((v) => existsSync(`${ROOT}/${v}/bin/initdb`));
if (installed()) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('PostgreSQL not found: install it with "sudo apt-get install -y postgresql" to run the PostgreSQL tests.');
  process.exit(0);
}
console.log('Installing Debian postgresql for the PostgreSQL tests (apt-get)...');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
} catch {
  console.error('Could not install postgresql with apt-get: install it by hand ("apt-get install -y postgresql").');
}
if (!installed()) console.error(`apt-get finished but no initdb under ${ROOT}.`);
