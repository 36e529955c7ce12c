function login(doc) {
  return xpath.select('//user[@active="true"]', doc);
}
