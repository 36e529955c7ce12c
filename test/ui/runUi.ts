// Runs the Playwright UI specs (test/ui/*.spec.ts) in plain Node against code-server in Chromium.
// Prints `ui: N passed, N failed`; exits non-zero on any failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, forbidOnly: true, forbidPending: true, reporter: 'spec' });
const grep = process.env.TANDEM_TEST_GREP;
if (grep) mocha.grep(grep);
for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.spec.ts')).sort()) mocha.addFile(join(__dirname, f));
const runner = mocha.run((failures) => {
  const passes = runner.stats?.passes ?? 0;
  console.log(`ui: ${passes} passed, ${failures} failed`);
  process.exit(failures > 0 || passes === 0 ? 1 : 0);
});
