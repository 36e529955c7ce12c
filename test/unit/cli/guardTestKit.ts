// Shared by the guard tests: the SARIF 2.1.0 schema as an ajv validator (the schema is draft-04 and
// has one pattern that is not valid under the `u` flag, hence the options), and the CLI bundle
// (cliKit's, built once per test process).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { builtCli } from './cliKit';

const REPO = path.resolve(__dirname, '../../..');

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

/** The built CLI (cliKit: built once per test process, wasm grammars beside it). */
export function cliBundle(): Promise<string> {
  return builtCli();
}
