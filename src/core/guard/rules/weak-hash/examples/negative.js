const crypto = require('crypto');
const hash = crypto.createHash('sha256').update(data).digest('hex');
const mac = crypto.createHmac('sha512', key);
const web = await crypto.subtle.digest('SHA-256', data);
// Not a hash: a function of another library that takes the same word.
const label = i18n.translate('md5');
// A cache key, not security.
const etag = crypto.createHash('md5').update(body).digest('hex');
// A constant that names a strong hash, and one reassigned from input before use.
const STRONG_ALG = 'sha256';
const viaConstant = crypto.createHash(STRONG_ALG);
function chosen(req) { let alg = 'md5'; alg = req.query.alg; return crypto.createHash(alg); }
