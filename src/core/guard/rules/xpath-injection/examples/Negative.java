class Users {
  boolean login(XPath xpath, Document doc) throws Exception {
    return (Boolean) xpath.evaluate("//user[@name=$name]", doc, XPathConstants.BOOLEAN);
  }
}
