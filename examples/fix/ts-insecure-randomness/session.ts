// Makes the id of a new login session.
export function newSessionToken(): string {
  let token = '';
  while (token.length < 32) token += Math.random().toString(36).slice(2);
  return token.slice(0, 32);
}
