const crypto = require('crypto');
const hash = crypto.createHash('sha256').update(data).digest('hex');
const mac = crypto.createHmac('sha512', key);
const web = await crypto.subtle.digest('SHA-256', data);
// Not a hash: a function of another library that takes the same word.
const label = i18n.translate('md5');
// A cache key, not security.
const etag = crypto.createHash('md5').update(body).digest('hex');
