// Owns starting a real VS Code (code-server 4.100.3 = VS Code 1.100.3) with this extension loaded
// for development (or installed from its .vsix), and opening its workbench in headless Debian Chromium through Playwright.
// Shared by the integration runner (tests inside the extension host) and the UI tests (clicks in
// the workbench). Every process started here is stopped by `stop()`, also on failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = resolve(__dirname, '..', '..');
const entry = join(repoRoot, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const sampleWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');

export interface LaunchOptions {
  /** Absolute path of the bundled tests module (exports run()); omitted for UI sessions. */
  extensionTestsPath?: string;
  /** User settings written before start. */
  userSettings?: Record<string, unknown>;
  /** Workspace settings (.vscode/settings.json in the copied workspace). */
  workspaceSettings?: Record<string, unknown>;
  /** Keep Workspace Trust on (the workspace opens untrusted). Default: trust is disabled. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** Called with every line code-server prints (its log and the extension host's). */
  onLog?: (line: string) => void;
  /** A .vsix to install (`--install-extension`) and test instead of the sources in this repository. */
  installVsix?: string;
}

export interface Session {
  port: number;
  url: string;
  workspace: string;
  tempDir: string;
  page: Page;
  browser: Browser;
  log: string[];
  stop(): Promise<void>;
}

// code-server runs in its own process group (so its whole tree can be killed), which also means a
// Ctrl+C or a CI timeout signal does not reach it: stop every live session before exiting.
const live = new Set<() => Promise<void>>();
let signalsHooked = false;
function stopOnSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...live].map((stop) => stop())).then(() => process.exit(code));
    });
  }
}

export function codeServerInstalled(): boolean {
  return existsSync(entry);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function waitForListening(child: ChildProcess, log: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${log.join('\n')}`)), timeoutMs);
    const onLine = (line: string) => {
      if (/HTTP server listening/.test(line)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (code ${code}):\n${log.join('\n')}`));
    });
  });
}

function killTree(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      done();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

/** Starts code-server with the extension under development and opens the workbench in Chromium. */
export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  if (!codeServerInstalled()) throw new Error('code-server is not installed: run bash scripts/install-code-server.sh');
  const tempDir = mkdtempSync(join(tmpdir(), 'tandem-vscode-'));
  const userData = join(tempDir, 'user-data');
  const extensions = join(tempDir, 'extensions');
  const workspace = join(tempDir, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  cpSync(sampleWorkspace, workspace, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': opts.workspaceTrust === true,
        'editor.inlineSuggest.enabled': true,
        ...opts.userSettings,
      },
      null,
      2,
    ),
  );
  if (opts.workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(opts.workspaceSettings, null, 2));
  }

  const devPath = opts.installVsix ? installExtension(opts.installVsix, userData, extensions, tempDir) : repoRoot;
  const port = await freePort();
  const log: string[] = [];
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions, '--config', join(tempDir, 'config.yaml')];
  if (opts.workspaceTrust !== true) args.push('--disable-workspace-trust');
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The AI change log's key and head records go to this session's temp dir, not the user's config.
    env: { ...process.env, XDG_CONFIG_HOME: join(tempDir, 'xdg-config'), ...opts.env },
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        log.push(line);
        opts.onLog?.(line);
        child.emit('line', line);
      }
    });
  }

  let browser: Browser | undefined;
  const stop = async () => {
    live.delete(stop);
    await Promise.all([browser?.close().catch(() => undefined), killTree(child)]);
    rmSync(tempDir, { recursive: true, force: true });
  };
  live.add(stop);
  stopOnSignals();
  try {
    await waitForListening(child, log, 60_000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Our own signal handlers stop Chromium and code-server together (see stopOnSignals).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: string[][] = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${devPath}`]];
    if (opts.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${opts.extensionTestsPath}`]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    return { port, url, workspace, tempDir, page, browser, log, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Reads a JSON file another process writes, once it exists and parses; bounded by `timeoutMs`. */
export async function waitForJsonFile<T>(path: string, timeoutMs: number, isDone: () => boolean = () => false): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(path)) {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as T;
      } catch {
        /* being written */
      }
    }
    if (isDone()) throw new Error(`the extension host ended without writing ${path}`);
    if (Date.now() > deadline) throw new Error(`no result in ${path} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Installs the .vsix as a user would (code-server --install-extension, offline) and returns the folder
 * of an empty extension to pass as extensionDevelopmentPath: VS Code runs extensionTestsPath only in
 * a development window, and this way the extension under test is the installed one.
 */
function installExtension(vsix: string, userData: string, extensions: string, tempDir: string): string {
  const r = spawnSync(process.execPath, [entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', resolve(vsix)], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) throw new Error(`code-server could not install ${vsix} (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  const host = join(tempDir, 'test-host');
  mkdirSync(host, { recursive: true });
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'tandem-test-host', publisher: 'tandem-dev', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
  return host;
}
