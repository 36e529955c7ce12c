// Owns the chat webview view: a locked-down page (CSP default-src 'none', one nonce'd script,
// resources only from the extension's built webview folder) that renders the controller's state
// and posts the user's actions back; every message is validated by the controller.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/messages';
import type { ChatController } from './controller';
import { serverInfo, type ServerMonitor } from '../model/serverMonitor';

export const CHAT_VIEW_ID = 'tandem.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** The page has said it is ready: messages posted now are received, not lost. */
  private ready = false;
  /** Open Chat asked for the prompt before the page was ready: focus it once it is. */
  private focusWhenReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly server?: ServerMonitor,
  ) {
    this.disposables.push(
      controller.onDidChangeState(() => this.schedule()),
      controller.onDidRefuse((message) => this.post({ type: 'refused', message })),
      controller.chatContext.onDidPost((m) => this.post(m)),
      controller.history.onDidPost((m) => this.post(m)),
      ...(server
        ? [
            server.onDidChange((v) => {
              this.post({ type: 'server', server: serverInfo(v) });
              if (v.state === 'ok') controller.serverAnswers(v);
            }),
          ]
        : []),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const assets = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [assets] };
    view.webview.html = this.html(view.webview, assets);
    this.disposables.push(
      view.webview.onDidReceiveMessage((m) => {
        if ((m as { type?: unknown })?.type === 'ready') this.onReady();
        void this.controller.handle(m);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Reveals the panel and puts the cursor in the prompt. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    if (this.ready) this.post({ type: 'focusPrompt' });
    else this.focusWhenReady = true;
  }

  private onReady(): void {
    this.ready = true;
    if (this.server) this.post({ type: 'server', server: serverInfo(this.server.view()) });
    if (this.focusWhenReady) this.post({ type: 'focusPrompt' });
    this.focusWhenReady = false;
  }

  // Streaming fires many state changes: send at most one snapshot per frame.
  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.post({ type: 'state', state: this.controller.snapshot() });
    }, 30);
  }

  private post(message: ToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, assets: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'main.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'main.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      // data: for the thumbnails of pasted images (made in the page itself, never fetched).
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Tandem</title>
</head>
<body>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
