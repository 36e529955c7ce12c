// Owns one MCP server connection: starting it (stdio child, Streamable HTTP, or SSE for older
// servers), its state (stopped / starting / running / error with a reason), its tool list (re-listed
// on notifications/tools/list_changed), calls with a time limit, a crash turned into an error and a
// restart with backoff on the next call, and a shutdown that leaves no child process behind.
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema, type CallToolResult, type Tool as McpToolDef } from '@modelcontextprotocol/sdk/types.js';
import { computeBackoff } from '../llm/backoff';
import { childEnv } from '../sandbox/childEnv';
import { withSafeGit } from '../util/userGit';
import type { Sandbox } from '../sandbox/sandbox';
import { isWorkspaceDefined, type McpServerDef } from './config';

export type McpState = 'stopped' | 'starting' | 'running' | 'error';

export interface ConnectionOptions {
  /** Milliseconds before a tool call fails (default 60 s). */
  callTimeoutMs?: number;
  /** Milliseconds to connect and list tools (default 30 s). */
  startTimeoutMs?: number;
  /** stderr of stdio servers and connection notes. */
  onLog?: (server: string, line: string) => void;
  now?: () => number;
  /** Confines stdio servers that want it (see McpServerDef.sandbox) to this workspace. */
  sandbox?: { sandbox: Sandbox; workspaceRoot: string };
}

export class McpConnection extends EventEmitter {
  state: McpState = 'stopped';
  reason: string | undefined;
  tools: McpToolDef[] = [];
  private client: Client | undefined;
  private transport: Transport | undefined;
  private starting: Promise<void> | undefined;
  private failures = 0;
  private retryAt = 0;
  private closing = false;
  private releaseSandbox: (() => Promise<unknown>) | undefined;

  constructor(
    readonly def: McpServerDef,
    private readonly opts: ConnectionOptions = {},
  ) {
    super();
  }

  /** The stdio child's pid, while there is one. */
  get pid(): number | undefined {
    return this.transport instanceof StdioClientTransport ? (this.transport.pid ?? undefined) : undefined;
  }

  private setState(state: McpState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.emit('state', state, reason);
  }

  private log(line: string): void {
    this.opts.onLog?.(this.def.name, line);
  }

  /** Starts the server if it is not running (waiting out a restart backoff first is the caller's choice). */
  start(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    const now = (this.opts.now ?? Date.now)();
    if (this.state === 'error' && now < this.retryAt) {
      return Promise.reject(new Error(`MCP server "${this.def.name}" failed (${this.reason}); it will be restarted in ${Math.ceil((this.retryAt - now) / 1000)} s.`));
    }
    this.starting ??= this.connect().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async openTransport(client: Client): Promise<Transport> {
    const d = this.def;
    if (d.transport === 'stdio') {
      // The server gets the allowlisted environment and its own `env`, never Tandem's keys, and the
      // forced git settings every command gets: a git it starts runs nothing a repository names.
      const env = withSafeGit(childEnv(process.env, { set: d.env })) as Record<string, string>;
      const box = this.opts.sandbox;
      const confined = box && (d.sandbox ?? isWorkspaceDefined(d)) ? await box.sandbox.confine(d.command!, d.args ?? [], { workspaceRoot: box.workspaceRoot, cwd: d.cwd ?? box.workspaceRoot }, { network: true, readable: serverFiles(d) }) : undefined;
      this.releaseSandbox = confined?.release;
      if (box && d.sandbox && !confined) this.log('runs without the sandbox: it is off or unavailable here.');
      const t = new StdioClientTransport({ command: confined?.file ?? d.command!, args: confined?.args ?? d.args ?? [], env: { ...env, ...confined?.env } as Record<string, string>, cwd: d.cwd, stderr: 'pipe' });
      const stderr = t.stderr;
      if (stderr) {
        let buf = '';
        stderr.on('data', (chunk: Buffer) => {
          buf += chunk.toString('utf8');
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            this.log(buf.slice(0, i));
            buf = buf.slice(i + 1);
          }
        });
      }
      await client.connect(t);
      return t;
    }
    const url = new URL(d.url!);
    const requestInit = { headers: d.headers ?? {} };
    if (d.transport === 'http') {
      try {
        const t = new StreamableHTTPClientTransport(url, { requestInit });
        await client.connect(t);
        return t;
      } catch (err) {
        // Older servers speak only the SSE transport: fall back once.
        this.log(`Streamable HTTP failed (${(err as Error).message}); trying SSE.`);
        client = this.newClient();
        this.client = client;
      }
    }
    const t = new SSEClientTransport(url, { requestInit });
    await client.connect(t);
    return t;
  }

  private newClient(): Client {
    const client = new Client({ name: 'tandem', version: '0.1.0' }, { capabilities: {} });
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      try {
        await this.listTools();
      } catch (err) {
        this.log(`re-listing tools failed: ${(err as Error).message}`);
      }
    });
    return client;
  }

  private async connect(): Promise<void> {
    this.setState('starting');
    this.closing = false;
    this.client = this.newClient();
    const timeout = this.opts.startTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          this.transport = await this.openTransport(this.client!);
          // The client's own hook: the transport's belongs to the SDK, which rejects pending calls there.
          this.client!.onclose = () => this.onClosed();
          await this.listTools();
        })(),
        new Promise((_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout))),
      ]);
      this.failures = 0;
      this.setState('running');
    } catch (err) {
      await this.shutdown();
      this.fail(`could not start: ${(err as Error).message}`);
      throw new Error(`MCP server "${this.def.name}" ${this.reason}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(reason: string): void {
    this.failures++;
    this.retryAt = (this.opts.now ?? Date.now)() + computeBackoff(this.failures, { baseMs: 1000, maxMs: 30_000, random: () => 0.5 });
    this.setState('error', reason);
    this.log(reason);
  }

  private onClosed(): void {
    if (this.closing) return;
    this.tools = [];
    this.fail('the server exited');
    this.emit('toolsChanged');
  }

  private async listTools(): Promise<void> {
    const tools: McpToolDef[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client!.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    this.tools = tools;
    this.emit('toolsChanged');
  }

  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    await this.start();
    const timeout = this.opts.callTimeoutMs ?? 60_000;
    // The SDK adds an abort listener to the signal it gets and never removes it, so one turn's signal
    // passed to every call collects listeners (MaxListenersExceededWarning). It gets a per-call
    // signal instead, linked to the caller's until the call ends.
    const perCall = new AbortController();
    const forward = () => perCall.abort(signal.reason);
    if (signal.aborted) perCall.abort(signal.reason);
    else signal.addEventListener('abort', forward, { once: true });
    try {
      return (await this.client!.callTool({ name, arguments: args }, undefined, { signal: perCall.signal, timeout, maxTotalTimeout: timeout })) as CallToolResult;
    } catch (err) {
      if (signal.aborted) throw err;
      const message = (err as Error).message ?? String(err);
      if (/timed out|timeout/i.test(message) || (err as { code?: number }).code === -32001) {
        throw new Error(`MCP server "${this.def.name}" did not answer ${name} within ${timeout} ms.`);
      }
      if (this.state !== 'running') throw new Error(`MCP server "${this.def.name}" stopped during ${name} (${this.reason ?? 'connection closed'}); it will be restarted on the next call.`);
      throw new Error(`MCP server "${this.def.name}" failed ${name}: ${message}`);
    } finally {
      signal.removeEventListener('abort', forward);
    }
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    const pid = this.pid;
    try {
      await this.client?.close();
    } catch {
      /* already closed */
    }
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    this.client = undefined;
    this.transport = undefined;
    await this.releaseSandbox?.();
    this.releaseSandbox = undefined;
  }

  async stop(): Promise<void> {
    await this.shutdown();
    this.tools = [];
    this.failures = 0;
    this.setState('stopped');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/**
 * What a confined stdio server is made of outside the workspace: its working folder and the files its
 * arguments name by absolute path, shown read-only (the sandbox reads nothing else of the host but
 * system folders and toolchain homes; credential stores stay hidden even so).
 */
function serverFiles(d: McpServerDef): string[] {
  return [...(d.cwd ? [d.cwd] : []), ...(d.args ?? []).filter((a) => path.isAbsolute(a))];
}
