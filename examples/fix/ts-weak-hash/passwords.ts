import * as crypto from 'crypto';

// Stores and checks user passwords.
export function hashPassword(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

export function checkPassword(password: string, stored: string): boolean {
  return hashPassword(password) === stored;
}
