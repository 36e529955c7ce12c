const assert = require('node:assert');
const { findUser } = require('./users');
const rows = [{ id: 1, name: 'alice' }, { id: 2, name: "o'brien" }];
// A tiny fake driver: placeholders (?, $1) take params; inline literals are parsed from the SQL.
const db = {
  query(sql, params = []) {
    const m = /name = (?:\?|\$1|'((?:[^']|'')*)')/.exec(sql);
    const wanted = m && m[1] !== undefined ? m[1].replace(/''/g, "'") : params[0];
    return rows.filter((r) => r.name === wanted);
  },
};
assert.deepStrictEqual(findUser(db, 'alice'), [{ id: 1, name: 'alice' }]);
assert.deepStrictEqual(findUser(db, 'bob'), []);
console.log('ok');
