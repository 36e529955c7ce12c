function find(client, user) {
  client.search('ou=people', { filter: '(uid=' + user + ')' }, () => {}); // ruleid
}
