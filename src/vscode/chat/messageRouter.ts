// Owns routing the webview's messages: each one is validated against the protocol schema, then given
// to the one handler for its type. A message that fails validation never reaches a handler; the
// panel is told why. Plain TypeScript (no `vscode`), so the routing is tested in plain Node.
import { ToExtension } from '../../protocol/messages';

type Kind = ToExtension['type'];

/** One handler per message type; true when the message was acted on, false when it was refused. */
export type MessageHandlers = { [K in Kind]: (m: Extract<ToExtension, { type: K }>) => boolean | Promise<boolean> };

export const NOT_UNDERSTOOD = 'The panel sent a message Tandem does not understand.';

/**
 * Validates and dispatches one raw webview message. A handler that throws is answered with
 * `refuse` (never an unhandled rejection) and counts as refused.
 */
export async function routeMessage(raw: unknown, handlers: MessageHandlers, refuse: (message: string) => false): Promise<boolean> {
  const parsed = ToExtension.safeParse(raw);
  if (!parsed.success) return refuse(NOT_UNDERSTOOD);
  const m = parsed.data;
  const handler = handlers[m.type] as (msg: ToExtension) => boolean | Promise<boolean>;
  try {
    return await handler(m);
  } catch (err) {
    return refuse(`Tandem could not do that: ${err instanceof Error ? err.message : String(err)}`);
  }
}
