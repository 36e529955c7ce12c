// Owns the error a tool call returns to the model so it can fix the call (the turn goes on). It lives
// below tools/ and policy/ so the workspace jail can throw it without importing the tool layer.

/** An error whose message goes back to the model so it can fix its call; the turn goes on. */
export class ToolCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolCallError';
  }
}
