// Drives `tandem acp` as an editor would: the real CLI as a child process (the built bundle) on real
// stdio, spoken to by the official SDK's client side, against the scripted model server. The client
// records every session/update, answers permission requests from a script the test gives, and can
// offer fs/read_text_file and fs/write_text_file with "unsaved buffers" of its own.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import * as acp from '@agentclientprotocol/sdk';
import { builtCli, builtCliPath } from './cliKit';

const REPO = path.resolve(__dirname, '../../..');

export type PermissionScript = (req: acp.RequestPermissionRequest) => string | 'cancelled';

export interface AcpChild {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Home folders for config, state and checkpoints: never the developer's own. */
export function testHomes(): NodeJS.ProcessEnv {
  const base = mkdtempSync(path.join(os.tmpdir(), 'tandem-acp-home-'));
  return { HOME: base, XDG_STATE_HOME: path.join(base, 'state'), XDG_CONFIG_HOME: path.join(base, 'config') };
}

/** Starts `tandem acp`; the suite builds the CLI first (`before(() => builtCli())`). */
export function startAcp(args: string[], env: NodeJS.ProcessEnv): AcpChild {
  const child = spawn(process.execPath, [builtCliPath(), 'acp', ...args], { cwd: REPO, env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/**
 * What every `tandem acp` suite sets up: the CLI built first, fresh home folders for each test
 * (`homes()`), and after each test every child it started ended and the homes removed.
 */
export function useAcpChildren(): { homes: () => NodeJS.ProcessEnv; start: (args: string[], env?: NodeJS.ProcessEnv) => AcpChild } {
  let homes: NodeJS.ProcessEnv = {};
  const children: AcpChild[] = [];
  before(() => builtCli());
  beforeEach(() => (homes = testHomes()));
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.child.exitCode === null) {
        c.child.stdin.end();
        await c.exited;
      }
    }
    await fs.rm(homes.HOME!, { recursive: true, force: true });
  });
  return {
    homes: () => homes,
    start: (args, env = {}) => {
      const c = startAcp(args, { ...homes, ...env });
      children.push(c);
      return c;
    },
  };
}

export interface ClientScript {
  permission?: PermissionScript;
  /** Offer fs: the client's buffers by absolute path (read falls back to disk when absent). */
  buffers?: Map<string, string>;
  /** Where writes through the client go (absolute path → content). */
  written?: Map<string, string>;
}

export interface Recorded {
  updates: acp.SessionNotification[];
  permissions: acp.RequestPermissionRequest[];
}

/** Runs `op` with an SDK client connected to the child's stdio; closes stdin afterwards. */
export async function withClient<T>(c: AcpChild, script: ClientScript, op: (ctx: acp.ClientContext, rec: Recorded) => Promise<T>): Promise<T> {
  const rec: Recorded = { updates: [], permissions: [] };
  const app = acp
    .client({ name: 'test-editor' })
    .onNotification(acp.methods.client.session.update, ({ params }) => void rec.updates.push(params))
    .onRequest(acp.methods.client.session.requestPermission, ({ params }) => {
      rec.permissions.push(params);
      const answer = script.permission ? script.permission(params) : 'reject';
      return answer === 'cancelled' ? { outcome: { outcome: 'cancelled' } } : { outcome: { outcome: 'selected', optionId: answer } };
    })
    .onRequest(acp.methods.client.fs.readTextFile, async ({ params }) => {
      const own = script.buffers?.get(params.path);
      if (own !== undefined) return { content: own };
      const fs = await import('node:fs/promises');
      try {
        return { content: await fs.readFile(params.path, 'utf8') };
      } catch {
        throw acp.RequestError.resourceNotFound(params.path);
      }
    })
    .onRequest(acp.methods.client.fs.writeTextFile, ({ params }) => {
      script.written?.set(params.path, params.content);
      script.buffers?.set(params.path, params.content);
      return {};
    });
  const stream = acp.ndJsonStream(Writable.toWeb(c.child.stdin) as WritableStream<Uint8Array>, Readable.toWeb(c.child.stdout) as ReadableStream<Uint8Array>);
  try {
    return await app.connectWith(stream, (ctx) => op(ctx, rec));
  } finally {
    c.child.stdin.end();
  }
}

export function initParams(fs = false): acp.InitializeRequest {
  return { protocolVersion: acp.PROTOCOL_VERSION, clientCapabilities: { fs: { readTextFile: fs, writeTextFile: fs }, terminal: false } };
}

/** The text of every agent_message_chunk, in order. */
export function answerText(rec: Recorded): string {
  return rec.updates.map((u) => u.update).filter((u) => u.sessionUpdate === 'agent_message_chunk').map((u) => (u as { content: { type: string; text?: string } }).content.text ?? '').join('');
}

export function updatesOf<K extends acp.SessionUpdate['sessionUpdate']>(rec: Recorded, kind: K): Array<Extract<acp.SessionUpdate, { sessionUpdate: K }>> {
  return rec.updates.map((u) => u.update).filter((u): u is Extract<acp.SessionUpdate, { sessionUpdate: K }> => u.sessionUpdate === kind);
}

/** Resolves once an update of `kind` has arrived (updates are events: no polling on a timer). */
export function waitForUpdate(rec: Recorded, kind: acp.SessionUpdate['sessionUpdate']): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (rec.updates.some((u) => u.update.sessionUpdate === kind) ? resolve() : undefined);
    const push = rec.updates.push.bind(rec.updates);
    rec.updates.push = (...items) => {
      const n = push(...items);
      check();
      return n;
    };
    check();
  });
}
