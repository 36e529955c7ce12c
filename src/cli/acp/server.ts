// Owns `tandem acp`: Tandem as an Agent Client Protocol agent on stdin/stdout (newline-delimited
// JSON-RPC 2.0, protocol version 1), built on the official SDK, for editors that host agents (Zed,
// JetBrains, Neovim plugins). stdout carries only the protocol; notes go to stderr. The SDK answers
// malformed lines and unknown methods with JSON-RPC errors; a handler's failure is an error response
// with a sentence, never a crash. Runs until the client closes stdin.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as acp from '@agentclientprotocol/sdk';
import { version } from '../../../package.json';
import { Session } from '../../core/agent/session';
import { Sandbox } from '../../core/sandbox/sandbox';
import type { CliIo } from '../io';
import { EXIT } from '../exitCodes';
import { startCliMcp } from '../mcp';
import { loadCliHooks } from '../hooks';
import { parseAcpArgs, ACP_HELP } from './args';
import type { ClientFiles } from './clientFs';
import { acpHistory, loadSession, replay } from './history';
import { clientMcpServers } from './mcp';
import { AcpSession, RequestFailure } from './session';
import { nodeStreams } from './stdio';

async function workspace(cwd: string): Promise<string> {
  if (!path.isAbsolute(cwd)) throw acp.RequestError.invalidParams({ cwd }, `cwd must be an absolute path; got "${cwd}"`);
  try {
    const real = await fs.realpath(cwd);
    if ((await fs.stat(real)).isDirectory()) return real;
  } catch {
    /* said below */
  }
  throw acp.RequestError.invalidParams({ cwd }, `cwd ${cwd} is not a folder that exists`);
}

const failure = (err: unknown) => (err instanceof RequestFailure ? new acp.RequestError(-32603, err.message) : err);

export async function runAcp(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseAcpArgs(argv, io.env, io.cwd);
  if (parsed.kind === 'help') {
    io.stderr.write(ACP_HELP);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(`error: ${parsed.message}\n`);
    return EXIT.badArgs;
  }
  const o = parsed.options;
  const sandbox = new Sandbox({ mode: o.sandbox, network: o.sandboxNetwork, probe: io.sandboxProbe, onUnavailable: (m) => io.stderr.write(`warning: ${m}\n`) });
  const confined = (await sandbox.status()).confined;
  const confinement = { sandbox, description: confined ? `bubblewrap: ${sandbox.describe()}` : 'none' };
  const sessions = new Map<string, AcpSession>();
  let caps: acp.ClientCapabilities = {};

  const get = (id: string) => {
    const s = sessions.get(id);
    if (!s) throw acp.RequestError.sessionNotFound(id);
    return s;
  };

  const open = async (client: acp.AgentContext, root: string, session: Session, mcpServers: acp.McpServer[] | undefined): Promise<AcpSession> => {
    const mcp = await startCliMcp(root, io.env, o.enableMcp, io.stderr, sandbox, clientMcpServers(mcpServers), o.mcp);
    // The hooks as in exec: the user's always, the workspace's once enabled (--enable-hooks); problems on stderr.
    const hooks = o.hooks === false ? undefined : await loadCliHooks(root, io.env, o.commandEnv, !!o.enableHooks, io.stderr);
    const files: ClientFiles = {
      ...(caps.fs?.readTextFile ? { read: async (abs: string, signal: AbortSignal) => (await client.request(acp.methods.client.fs.readTextFile, { sessionId: session.id, path: abs }, { cancellationSignal: signal })).content } : {}),
      ...(caps.fs?.writeTextFile ? { write: async (abs: string, content: string, signal: AbortSignal) => void (await client.request(acp.methods.client.fs.writeTextFile, { sessionId: session.id, path: abs, content }, { cancellationSignal: signal })) } : {}),
    };
    const s = new AcpSession({
      root,
      options: o,
      env: io.env,
      session,
      history: acpHistory(io.env, root),
      send: (update) => client.notify(acp.methods.client.session.update, { sessionId: session.id, update }),
      ask: (params, signal) => client.request(acp.methods.client.session.requestPermission, params, { cancellationSignal: signal }),
      files,
      mcpTools: mcp.tools,
      sandbox: confinement,
      disposeMcp: mcp.dispose,
      ...(hooks ? { hooks } : {}),
    });
    const before = sessions.get(s.id);
    sessions.set(s.id, s);
    await before?.dispose();
    return s;
  };

  // The commands are announced once the client has the session's id (after the response).
  const announceLater = (s: AcpSession) => setTimeout(() => void s.announceCommands(true).catch(() => undefined), 0);

  const app = acp
    .agent({ name: 'tandem' })
    .onRequest(acp.methods.agent.initialize, ({ params }) => {
      caps = params.clientCapabilities ?? {};
      return {
        protocolVersion: acp.PROTOCOL_VERSION,
        agentCapabilities: { loadSession: true, promptCapabilities: { image: true, audio: false, embeddedContext: true }, mcpCapabilities: { http: true, sse: true } },
        agentInfo: { name: 'tandem', title: 'Tandem', version },
        authMethods: [],
      };
    })
    .onRequest(acp.methods.agent.authenticate, () => ({}))
    .onRequest(acp.methods.agent.session.new, async ({ params, client }) => {
      const root = await workspace(params.cwd);
      const s = await open(client, root, new Session(), params.mcpServers);
      announceLater(s);
      return { sessionId: s.id, modes: s.modes() };
    })
    .onRequest(acp.methods.agent.session.load, async ({ params, client }) => {
      const root = await workspace(params.cwd);
      const loaded = loadSession(acpHistory(io.env, root), params.sessionId);
      if ('error' in loaded) throw new acp.RequestError(-32002, `Session ${params.sessionId} cannot be loaded in ${root}: ${loaded.error}`, { sessionId: params.sessionId });
      const s = await open(client, root, loaded.session, params.mcpServers);
      for (const update of replay(loaded.session)) await client.notify(acp.methods.client.session.update, { sessionId: s.id, update });
      announceLater(s);
      return { modes: s.modes() };
    })
    .onRequest(acp.methods.agent.session.setMode, ({ params }) => {
      try {
        get(params.sessionId).setMode(params.modeId);
      } catch (err) {
        throw err instanceof RequestFailure ? acp.RequestError.invalidParams({ modeId: params.modeId }, err.message) : err;
      }
      return {};
    })
    .onRequest(acp.methods.agent.session.prompt, async ({ params }) => {
      try {
        return { stopReason: await get(params.sessionId).prompt(params.prompt) };
      } catch (err) {
        throw failure(err);
      }
    })
    .onNotification(acp.methods.agent.session.cancel, ({ params }) => {
      sessions.get(params.sessionId)?.cancel();
    });

  const connection = app.connect(nodeStreams(io.stdin, io.stdout));
  const stop = () => connection.close();
  io.cancel?.addEventListener('abort', stop, { once: true });
  try {
    await connection.closed;
  } finally {
    io.cancel?.removeEventListener('abort', stop);
    await Promise.all([...sessions.values()].map((s) => s.dispose().catch(() => undefined)));
  }
  return 0;
}
