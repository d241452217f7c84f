// `pretest` step of `npm test`: the docs-site test needs Debian's chromium. Installs it with apt-get when it is
// missing and this runs as root (a fresh CI machine or container); otherwise says how, and the browser part of
// test/docs/site.test.ts is skipped with that reason. Tests themselves never install anything.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function main() {
  if (existsSync(CHROMIUM)) return;
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`pretest: ${CHROMIUM} is missing; install Debian's chromium (as root: apt-get install chromium) for the docs browser test\n`);
    return;
  }
  process.stdout.write('pretest: installing chromium for the docs browser test (apt-get)\n');
  try {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'ignore',
      timeout: 900_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    process.stderr.write(`pretest: apt-get install chromium failed: ${String(err instanceof Error ? err.message : err).split('\n')[0]}\n`);
  }
}

main();
