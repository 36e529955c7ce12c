class Users {
  boolean login(XPath xpath, Document doc) throws Exception {
    return (Boolean) xpath.evaluate("//user[@name=$name]", doc, XPathConstants.BOOLEAN);
  }

  Object encoded(XPath xpath, Document doc, String user) throws Exception {
    return xpath.evaluate(String.format("/users/user[@name='%s']", ESAPI.encoder().encodeForXPath(user)), doc);
  }
}
