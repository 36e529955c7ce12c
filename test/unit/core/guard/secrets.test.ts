// Telling a hard-coded secret from a placeholder, a field name or a message, as one table: the value
// as written in code (with its quotes), the target it is assigned to, and whether it is a secret.
import { strict as assert } from 'node:assert';
import { looksLikeCredential, looksLikeSecret, namesASecret } from '../../../../src/core/guard/engine/secrets';

const table: Array<[literal: string, target: string, secret: boolean]> = [
  // Weak values held by a password or a secret are still the secret.
  ['"root"', 'password', true],
  ['"1234"', 'passphrase', true],
  ["'111111'", 'PASSWORD', true],
  ['"secret"', 'EMAIL_PASSWORD', true],
  ["'fish'", 'THE_SUPER_SECRET', true],
  ["'keyboard cat'", 'secret', true],
  ["'shhhh, very secret'", 'sessionSecret', true],
  ['"class_password"', 'password', true],
  ["'s3cr3t'", "d['password']", true],
  ['`hunter2`', 'config.db.password', true],
  ['"x7Gk2pQ9mL4vZ8nB3rT6wY1h"', 'SECRET_KEY', true],
  // Placeholders, empty and development values.
  ['""', 'password', false],
  // Settings and property keys: where a secret is stored, not the secret.
  ['"ldap.bind.password"', 'LDAP_BIND_PASSWORD_PROPERTY', false],
  ["'tandem.auditKeys'", 'SECRET', false],
  ['"spring.datasource.password"', 'DB_PASSWORD_KEY', false],
  ['"app.client-secret"', 'clientSecret', false],
  // …but a dotted value with a random segment, a JWT, is one.
  ['"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Qm9ndXNTaWduYXR1cmU"', 'SECRET', true],
  ['"my.Pass9.word"', 'password', true],
  ["'changeme'", 'password', false],
  ["'changeit'", 'KEYSTORE_PASSWORD', false],
  ["'<your-password>'", 'password', false],
  ["'******'", 'password', false],
  ["'xxxxxxxx'", 'secret', false],
  ["'dev'", 'SECRET_KEY', false],
  ['"%(password)s"', 'password', false],
  ["'${DB_PASSWORD}'", 'password', false],
  ["':password'", 'password', false],
  // Names of fields and variables, types, paths: not the value.
  ["'password'", 'password', false],
  ["'password'", 'PASSWORD_TO_GITHUB', false],
  ["'DB_PASSWORD'", 'password', false],
  ["'user_password'", 'passwordField', false],
  ["'string'", 'password', false],
  ["'required'", 'secret', false],
  ["'/run/secrets/db'", 'secret', false],
  ["'vault://kv/app'", 'secret', false],
  ['"invalid_secret"', 'invalidSecret', false],
  ["'use-credentials'", 'USE_CREDENTIALS', false],
  ['"passwordTooShort"', 'PASSWORD_TOO_SHORT', false],
  ['"invalidUserNameOrPassword"', 'INVALID_USERNAME_OR_PASSWORD', false],
  ['"[type=password]"', 'password', false],
  ["'db.password'", 'password', false],
  ['"[A-Za-z0-9._~+/-]+=*"', 'TOKEN_STRINGS', false],
  ['"^\\d{6}$"', 'TOKEN_PATTERN_X', false],
  ['"msal:acquireTokenStart"', 'ACQUIRE_TOKEN_START', false],
  ['"db_password_2024"', 'DB_PASSWORD', true],
  ["'newPassword'", 'password', true],
  // A variable that says what the password is for, holding the bare word (round 3, H2's `filePassword = "password"`);
  // keys and constants that name the field keep being names.
  ["'password'", 'filePassword', true],
  ['"secret"', 'dbSecret', true],
  ["'password'", 'paramPassword', false],
  ["'password'", 'KEY_PASSWORD', false],
  ["'password'", 'fieldPassword', false],
  // Two characters held by a password are a password (`dbPassword = "sa"`); one is not.
  ['"sa"', 'dbPassword', true],
  ['"x"', 'password', false],
  // A Java char array of literal characters reads as its text.
  ["{'t', 'i', 'a', 'E', 'T', 'r', 'p'}", 'password', true],
  ["{'x'}", 'password', false],
  // Targets with characters that mean something in a regex are read as text.
  ['"(x=1)"', 'd["pass(word"]', false],
  ["'hunter2'", '$password', true],
  ["'db-password'", 'password', true],
  // Messages and labels.
  ["'Password is required'", 'password', false],
  ["'Enter the secret:'", 'secret', false],
  ["'must be at least 8 characters'", 'password', false],
  ['"Enter your password: "', 'PASSWORD_PROMPT', false],
  // Other secret-named targets keep the stricter test: a real-looking key, not a word.
  ["'bearer'", 'token_type', false],
  ["'refresh'", 'token', false],
  ["'9fQ2xL7kP3mZ8vB1nR5tW4yH6jD0cA'", 'apiKey', true],
  ["'sk-proj-abcdefghijklmnopqrstuvwx1234'", 'anything', true],
  ["'AKIAIOSFODNN7EXAMPLE'", 'aws_access_key_id', false],
];

describe('hard-coded secret values', () => {
  for (const [literal, target, secret] of table) {
    it(`${literal} held by ${target} is ${secret ? '' : 'not '}a secret`, () => assert.equal(looksLikeSecret(literal, target), secret));
  }

  it('takes any non-empty, non-placeholder literal in a credential\'s place as a password', () => {
    for (const v of ['"sa"', '"a"', "'password'", '"hunter2"', "'admin'", "'correct horse battery'"]) assert.ok(looksLikeCredential(v), v);
    for (const v of ['""', "''", "'changeit'", "'<password>'", "'${DB_PASSWORD}'", '"%s"', "'******'", "'string'", "'Enter the password:'"]) assert.ok(!looksLikeCredential(v), v);
  });

  it('names a secret by the last word of the target, not by a word inside it', () => {
    for (const t of ['password', 'db.password', 'EMAIL_PASSWORD', 'clientSecret', 'SECRET_KEY', 'secretKey', 'pwd', "d['passphrase']"]) assert.ok(namesASecret(t), t);
    for (const t of ['passwordPolicy', 'secretName', 'PASSWORD_TO_GITHUB', 'token', 'api_key', 'passwordHash']) assert.ok(!namesASecret(t), t);
  });
});
