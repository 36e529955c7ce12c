const salt = crypto.randomBytes(16).toString('hex');
import pseudoRandomBytes from './pseudo-random-bytes/rule.json';
export const rules = [pseudoRandomBytes];
