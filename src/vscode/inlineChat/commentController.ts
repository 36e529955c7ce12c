// Owns inline chat's comment controller. It is made at activation, in the light bundle: made only when
// Ctrl+I first loads the agent, VS Code showed that first thread before it had the controller's
// prompt, so the input's "Ask Tandem to change this code…" was missing.
import * as vscode from 'vscode';

export const INLINE_CONTROLLER = 'tandem.inline';

export function createInlineCommentController(): vscode.CommentController {
  const controller = vscode.comments.createCommentController(INLINE_CONTROLLER, 'Tandem inline chat');
  controller.options = { prompt: 'Ask Tandem to change this code…', placeHolder: 'Describe the change — Ctrl+Enter sends, Escape closes' };
  return controller;
}
