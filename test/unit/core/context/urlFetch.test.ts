// @url against a real local HTTP server: nothing is fetched before the user agreed; non-http(s)
// schemes, credentials in the URL, loopback/private addresses (literal, any spelling, via DNS, via a
// redirect) are refused unless private addresses are allowed; HTML becomes Markdown, size is capped.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchUrlMention, MAX_URL_MARKDOWN, nonPublicReason, UrlError } from '../../../../src/core/context/urlFetch';

describe('@url', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  let hits: string[];
  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/page') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end('<html><head><title>T</title><style>body{}</style></head><body><h1>Guide</h1><p>Use <code>npm test</code>.</p><script>steal()</script><a href="https://example.com/x">link</a></body></html>');
      } else if (req.url === '/redirect-private') {
        res.statusCode = 302;
        res.setHeader('location', 'http://127.0.0.2:1/admin');
        res.end();
      } else if (req.url === '/huge') {
        res.setHeader('content-type', 'text/plain');
        res.end('a'.repeat(MAX_URL_MARKDOWN * 2));
      } else if (req.url === '/binary') {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(Buffer.from([0, 1, 2]));
      } else {
        res.statusCode = 404;
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  beforeEach(() => (hits = []));
  after(() => new Promise<void>((r) => server.close(() => r())));

  const yes = async () => true;

  it('does not fetch anything when the user declines', async () => {
    let asked = '';
    await assert.rejects(fetchUrlMention(`${base}/page`, { confirm: async (u) => ((asked = u), false), allowPrivate: true }), /you did not allow it/);
    assert.equal(asked, `${base}/page`);
    assert.deepEqual(hits, []);
  });

  it('converts an allowed page to Markdown without scripts or styles', async () => {
    const a = await fetchUrlMention(`${base}/page`, { confirm: yes, allowPrivate: true });
    assert.equal(a.kind, 'url');
    assert.equal(a.source, `${base}/page`);
    assert.match(a.text, /^# Guide/);
    assert.match(a.text, /Use `npm test`\./);
    assert.match(a.text, /\[link\]\(https:\/\/example\.com\/x\)/);
    assert.ok(!a.text.includes('steal'));
    assert.ok(!a.text.includes('body{}'));
  });

  it('caps a large page and says so', async () => {
    const a = await fetchUrlMention(`${base}/huge`, { confirm: yes, allowPrivate: true });
    assert.equal(a.text.length, MAX_URL_MARKDOWN);
    assert.match(a.note ?? '', /cut to/);
  });

  it('refuses content that is neither a page nor text, and HTTP errors', async () => {
    await assert.rejects(fetchUrlMention(`${base}/binary`, { confirm: yes, allowPrivate: true }), /application\/octet-stream, not a page or text/);
    await assert.rejects(fetchUrlMention(`${base}/nope`, { confirm: yes, allowPrivate: true }), /HTTP 404/);
  });

  const refusedBeforeAsking: Array<[string, RegExp]> = [
    ['file:///etc/passwd', /Only http and https/],
    ['ftp://example.com/x', /Only http and https/],
    ['javascript:alert(1)', /Only http and https/],
    ['gopher://127.0.0.1:6379/_FLUSHALL', /Only http and https/],
    ['http://user:pw@example.com/', /user name or password/],
    ['not a url', /is not a URL/],
  ];
  for (const [url, why] of refusedBeforeAsking) {
    it(`refuses ${url} without asking`, async () => {
      let asked = false;
      await assert.rejects(fetchUrlMention(url, { confirm: async () => (asked = true) }), (e: Error) => e instanceof UrlError && why.test(e.message));
      assert.equal(asked, false);
    });
  }

  // Every spelling of a local address an attacker might try; none reaches the server.
  const local = () => [
    `http://127.0.0.1:${port}/page`,
    `http://localhost:${port}/page`,
    `http://2130706433:${port}/page`,
    `http://0x7f000001:${port}/page`,
    `http://0177.0.0.1:${port}/page`,
    `http://127.1:${port}/page`,
    `http://[::1]:${port}/page`,
    `http://[::ffff:127.0.0.1]:${port}/page`,
    `http://0.0.0.0:${port}/page`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://[fd00::1]/',
  ];
  it('refuses loopback, private and link-local addresses in every spelling unless allowed', async () => {
    for (const url of local()) {
      await assert.rejects(fetchUrlMention(url, { confirm: yes }), (e: Error) => e instanceof UrlError && /Private and local addresses are fetched only when you allow them/.test(e.message), url);
    }
    assert.deepEqual(hits, []);
  });

  it('refuses a public-looking name that resolves to a private address (checked at connect time)', async () => {
    const lookup = ((_h: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as never;
    await assert.rejects(fetchUrlMention(`http://docs.example.com:${port}/page`, { confirm: yes, lookup }), /docs\.example\.com was not fetched: 127\.0\.0\.1 is a loopback address/);
    assert.deepEqual(hits, []);
  });

  it('refuses a name that answers one public and one private address, whichever comes first (every address is checked)', async () => {
    const answers = [
      [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }],
      [{ address: '2606:4700:4700::1111', family: 6 }, { address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }],
      [{ address: '93.184.216.34', family: 4 }, { address: '::ffff:192.168.0.1', family: 6 }],
      [{ address: '127.0.0.1', family: 4 }, { address: '93.184.216.34', family: 4 }],
    ];
    for (const list of answers) {
      const lookup = ((_h: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) => cb(null, list)) as never;
      const bad = list.find((a) => nonPublicReason(a.address))!.address;
      await assert.rejects(fetchUrlMention(`http://docs.example.com:${port}/page`, { confirm: yes, lookup }), new RegExp(`docs\\.example\\.com was not fetched: ${bad.replace(/[.:]/g, '\\$&')} is`), JSON.stringify(list));
    }
    assert.deepEqual(hits, []);
  });

  it('checks every redirect again: a public page cannot bounce the fetch to a private address', async () => {
    // The test server counts as public here; its redirect goes to another loopback address.
    const addressPolicy = (a: string) => (a === '127.0.0.1' ? undefined : nonPublicReason(a));
    await assert.rejects(fetchUrlMention(`${base}/redirect-private`, { confirm: yes, addressPolicy }), /127\.0\.0\.2:1 was not fetched: 127\.0\.0\.2 is a loopback address/);
    assert.deepEqual(hits, ['/redirect-private']);
  });

  it('classifies addresses', () => {
    assert.equal(nonPublicReason('8.8.8.8'), undefined);
    assert.equal(nonPublicReason('2606:4700:4700::1111'), undefined);
    assert.match(nonPublicReason('::ffff:10.1.2.3') ?? '', /private/);
    assert.match(nonPublicReason('100.64.0.1') ?? '', /carrierGradeNat/);
  });
});
