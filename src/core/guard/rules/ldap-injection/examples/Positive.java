class Directory {
  NamingEnumeration<SearchResult> find(DirContext ctx, String user) throws NamingException {
    return ctx.search("ou=people", "(uid=" + user + ")", new SearchControls()); // ruleid
  }
}
