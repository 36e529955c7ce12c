class Parse {
  Document parse(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // ruleid
    return dbf.newDocumentBuilder().parse(in);
  }
}
