// Model-server failures as the CLI words them: every kind points at a CLI remedy (flags and
// environment variables), never at the editor's settings, and shows the server's own text.
import { strict as assert } from 'node:assert';
import { cliErrorText } from '../../../src/cli/errorText';

describe('CLI error text', () => {
  const table: Array<[string, Parameters<typeof cliErrorText>[0], RegExp[]]> = [
    ['unreachable', { type: 'error', message: 'm', kind: 'unreachable', detail: 'ECONNREFUSED', attempts: 5 }, [/\(ECONNREFUSED\)/, /Gave up after 5 attempts/, /--base-url \(or \$OPENAI_BASE_URL\)/]],
    ['timeout', { type: 'error', message: 'm', kind: 'timeout' }, [/did not answer in time/, /--base-url/]],
    ['auth', { type: 'error', message: 'm', kind: 'auth', status: 401, detail: '401 bad key sk-***' }, [/HTTP 401/, /The server said: "401 bad key sk-\*\*\*"/, /\$OPENAI_API_KEY/]],
    ['notFound', { type: 'error', message: 'm', kind: 'notFound', status: 404 }, [/model "qwen"/, /--model and --base-url/]],
    ['rateLimited', { type: 'error', message: 'm', kind: 'rateLimited', status: 429, detail: 'quota', attempts: 3 }, [/HTTP 429/, /"quota"/, /Gave up after 3 attempts/, /--retry-timeout/]],
    ['server', { type: 'error', message: 'm', kind: 'server', status: 502, detail: 'bad gateway' }, [/HTTP 502/, /"bad gateway"/, /--retry-timeout/]],
    ['badRequest', { type: 'error', message: 'm', kind: 'badRequest', status: 400, detail: 'x'.repeat(1000) }, [/HTTP 400/, /x…"/, /--api/]],
  ];
  for (const [name, event, present] of table) {
    it(`${name}: CLI remedy, no editor settings`, () => {
      const text = cliErrorText(event, 'http://h/v1', 'qwen');
      for (const re of present) assert.match(text, re);
      assert.doesNotMatch(text, /tandem\.baseUrl|Set API Key|will (back off and )?retry/);
      assert.ok(text.length < 600, 'a long server text is cut');
    });
  }
  it('other errors keep their own message', () => {
    assert.equal(cliErrorText({ type: 'error', message: 'A tool failed.' }, 'u', 'm'), 'A tool failed.');
  });
});
