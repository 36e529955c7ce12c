class Users {
  boolean login(XPath xpath, Document doc, String user) throws Exception {
    String expr = "//user[@name='" + user + "']";
    return (Boolean) xpath.evaluate(expr, doc, XPathConstants.BOOLEAN); // ruleid
  }

  Object formatted(XPath xpath, Document doc, String user) throws Exception {
    return xpath.evaluate(String.format("/users/user[@name='%s']", user), doc); // ruleid
  }

  Object built(XPath xpath, Document doc, String user) throws Exception {
    StringBuilder sb = new StringBuilder("/users/user[@name='");
    sb.append(user).append("']");
    return xpath.compile(sb.toString()).evaluate(doc, XPathConstants.NODESET); // ruleid
  }
}
