// Owns @url: a web page fetched only after the user agreed, converted to Markdown (turndown) and
// capped. Guards against server-side request forgery: only http(s); a host that is or resolves to a
// loopback, private, link-local or otherwise non-public address is refused unless the user allowed
// private addresses — checked on the address the socket really connects to (a custom lookup), so a
// DNS answer that changes between check and connect cannot slip through, and again on every redirect.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import TurndownService from 'turndown';
import type { Attachment } from './attachments';

export const MAX_URL_BYTES = 2 * 1024 * 1024;
export const MAX_URL_MARKDOWN = 100_000;
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 15_000;

export class UrlError extends Error {}

export interface UrlOptions {
  /** Asked once before anything is fetched; false: nothing is fetched. */
  confirm: (url: string) => Promise<boolean>;
  /** Loopback and private addresses allowed (the user said so explicitly). */
  allowPrivate?: boolean;
  signal?: AbortSignal;
  /** Name resolution (tests point names at chosen addresses). */
  lookup?: typeof dns.lookup;
  /** Why an address is refused (default nonPublicReason; tests mark a local server public). */
  addressPolicy?: (address: string) => string | undefined;
}

/** Why this address may not be fetched without the user's explicit permission, or undefined. */
export function nonPublicReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? undefined : `${address} is a ${range} address`;
}

/** Parses and checks the URL's form (scheme, no credentials, a host); throws UrlError. */
export function parseFetchUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UrlError(`"${raw}" is not a URL. Give a full address such as https://example.com/page.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlError(`Only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, '')}.`);
  if (url.username || url.password) throw new UrlError('A URL with a user name or password in it is not fetched.');
  return url;
}

function guardedLookup(options: UrlOptions): LookupFunction {
  const base = options.lookup ?? dns.lookup;
  return ((host: string, opts: dns.LookupOptions, cb: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    base(host, { ...opts, all: true }, (err, addresses) => {
      if (err) return cb(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = options.allowPrivate ? undefined : list.map((a) => (options.addressPolicy ?? nonPublicReason)(a.address)).find(Boolean);
      if (bad) return cb(Object.assign(new UrlError(`${host} was not fetched: ${bad}. Private and local addresses are fetched only when you allow them.`), { code: 'EPRIVATE' }), '', 4);
      if (opts.all) return cb(null, list);
      cb(null, list[0].address, list[0].family);
    });
  }) as LookupFunction;
}

interface Fetched {
  finalUrl: string;
  contentType: string;
  body: Buffer;
  truncated: boolean;
}

function getOnce(url: URL, options: UrlOptions): Promise<{ status: number; location?: string; contentType: string; body: Buffer; truncated: boolean }> {
  // A literal address skips the lookup: check it here.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !options.allowPrivate) {
    const bad = (options.addressPolicy ?? nonPublicReason)(host);
    if (bad) return Promise.reject(new UrlError(`${url.host} was not fetched: ${bad}. Private and local addresses are fetched only when you allow them.`));
  }
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(url, { lookup: guardedLookup(options), timeout: TIMEOUT_MS, signal: options.signal, headers: { accept: 'text/html, text/markdown, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'Tandem (VS Code extension)' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ status, location: res.headers.location, contentType: '', body: Buffer.alloc(0), truncated: false });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (c: Buffer) => {
        if (truncated) return;
        chunks.push(c);
        size += c.length;
        if (size > MAX_URL_BYTES) {
          truncated = true;
          res.destroy();
          resolve({ status, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).subarray(0, MAX_URL_BYTES), truncated });
        }
      });
      res.on('end', () => resolve({ status, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks), truncated }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new UrlError(`${url.host} did not answer within ${TIMEOUT_MS / 1000} seconds.`)));
    req.on('error', reject);
  });
}

async function fetchChecked(start: URL, options: UrlOptions): Promise<Fetched> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const r = await getOnce(url, options);
    if (r.location) {
      url = parseFetchUrl(new URL(r.location, url).toString());
      continue;
    }
    if (r.status >= 400) throw new UrlError(`${url.toString()} answered with HTTP ${r.status}.`);
    return { finalUrl: url.toString(), contentType: r.contentType, body: r.body, truncated: r.truncated };
  }
  throw new UrlError(`${start.toString()} redirected more than ${MAX_REDIRECTS} times.`);
}

/** HTML to Markdown: scripts, styles and forms dropped; links and code kept. */
export function htmlToMarkdown(html: string): string {
  const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  td.remove(['script', 'style', 'noscript', 'iframe', 'form', 'canvas', 'template', 'head', 'title']);
  return td.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
}

/** Fetches a URL the user mentioned (after asking) and returns it as an attachment. */
export async function fetchUrlMention(raw: string, options: UrlOptions): Promise<Attachment> {
  const url = parseFetchUrl(raw);
  if (!(await options.confirm(url.toString()))) throw new UrlError(`${url.toString()} was not fetched: you did not allow it.`);
  let fetched: Fetched;
  try {
    fetched = await fetchChecked(url, options);
  } catch (err) {
    if (err instanceof UrlError || options.signal?.aborted) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new UrlError(e.code === 'EPRIVATE' ? e.message : `${url.toString()} could not be fetched: ${e.message}`);
  }
  const type = fetched.contentType.split(';')[0].trim().toLowerCase();
  const text = fetched.body.toString('utf8');
  let markdown: string;
  if (type === 'text/html' || type === 'application/xhtml+xml' || (!type && /^\s*<(!doctype|html)/i.test(text))) markdown = htmlToMarkdown(text);
  else if (type.startsWith('text/') || type === 'application/json' || type.endsWith('+json') || type === 'application/xml') markdown = text;
  else throw new UrlError(`${fetched.finalUrl} is ${type || 'of an unknown type'}, not a page or text; it was not attached.`);
  const notes: string[] = [];
  if (fetched.truncated) notes.push(`only the first ${MAX_URL_BYTES} bytes were fetched`);
  if (markdown.length > MAX_URL_MARKDOWN) {
    markdown = markdown.slice(0, MAX_URL_MARKDOWN);
    notes.push(`cut to ${MAX_URL_MARKDOWN} characters`);
  }
  return { kind: 'url', source: fetched.finalUrl, text: markdown, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
