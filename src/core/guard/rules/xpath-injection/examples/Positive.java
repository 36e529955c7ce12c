class Users {
  boolean login(XPath xpath, Document doc, String user) throws Exception {
    String expr = "//user[@name='" + user + "']";
    return (Boolean) xpath.evaluate(expr, doc, XPathConstants.BOOLEAN); // ruleid
  }
}
