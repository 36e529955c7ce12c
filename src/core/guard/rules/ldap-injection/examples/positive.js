function find(client, user) {
  client.search('ou=people', { filter: '(uid=' + user + ')' }, () => {}); // ruleid
}
function formatted(client, user) {
  const filter = util.format('(&(uid=%s)(objectClass=person))', user);
  client.search('ou=people', { filter, scope: 'sub' }, () => {}); // ruleid
}
// The options held in a variable, as ldapjs's own examples write them.
function held(client, user) {
  const opts = { filter: `(uid=${user})`, scope: 'sub' };
  client.search('ou=people', opts, () => {}); // ruleid
}
