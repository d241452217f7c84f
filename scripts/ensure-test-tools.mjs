// `pretest` step of `npm test`: Debian packages the tests use. chromium for the docs-site browser test, and
// libxml2-utils (native `xmllint`), which the XSD check prefers to xmllint-wasm and which test/xml/xsd-engines.test.ts
// compares with it; python3 with PyYAML (python3-yaml) for the independent Python broker the suite is tried against
// (test/conformance/independent-broker-py.test.ts). Installs what is missing with apt-get when this runs as root (a fresh CI machine or container);
// otherwise says how, and the tests that need a tool skip with that reason. Tests themselves never install anything.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const pythonHasYaml = () => spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;

const TOOLS = [
  {
    what: '/usr/bin/chromium',
    pkg: 'chromium',
    why: 'the docs browser test',
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    what: '/usr/bin/xmllint',
    pkg: 'libxml2-utils',
    why: 'the native XSD engine',
    present: () => existsSync('/usr/bin/xmllint'),
  },
  { what: "python3's yaml module", pkg: 'python3-yaml', why: 'the independent Python broker', present: pythonHasYaml },
];

function main() {
  const missing = TOOLS.filter((t) => !t.present());
  if (missing.length === 0) return;
  const names = missing.map((t) => t.pkg).join(' ');
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    for (const t of missing)
      process.stderr.write(
        `pretest: ${t.what} is missing; install Debian's ${t.pkg} (as root: apt-get install ${t.pkg}) for ${t.why}\n`,
      );
    return;
  }
  process.stdout.write(`pretest: installing ${names} (apt-get)\n`);
  try {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', ...missing.map((t) => t.pkg)], {
      stdio: 'ignore',
      timeout: 900_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    process.stderr.write(
      `pretest: apt-get install ${names} failed: ${String(err instanceof Error ? err.message : err).split('\n')[0]}\n`,
    );
  }
}

main();
