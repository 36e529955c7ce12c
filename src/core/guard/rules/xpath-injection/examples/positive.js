function login(doc, user) {
  return xpath.select(`//user[@name='${user}']`, doc); // ruleid
}
