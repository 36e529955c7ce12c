function login(doc, user) {
  return xpath.select(`//user[@name='${user}']`, doc); // ruleid
}
function formatted(doc, user) {
  const expr = util.format("//user[@name='%s']", user);
  return xpath.select1(expr, doc); // ruleid
}
function appended(doc, user) {
  let expr = "//user[@name='";
  expr += user;
  expr += "']";
  return document.evaluate(expr, doc, null, 0, null); // ruleid
}
