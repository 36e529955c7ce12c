const ldapEscape = require('ldap-escape');
function find(client) {
  client.search('ou=people', { filter: '(objectClass=person)' }, () => {});
}
function escaped(client, user) {
  client.search('ou=people', { filter: ldapEscape.filter`(uid=${user})` }, () => {});
}
function held(client, user) {
  const opts = { filter: '(objectClass=person)', attributes: [user] };
  client.search('ou=people', opts, () => {});
}
