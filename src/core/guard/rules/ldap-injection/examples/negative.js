function find(client) {
  client.search('ou=people', { filter: '(objectClass=person)' }, () => {});
}
