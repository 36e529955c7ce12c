class Directory {
  NamingEnumeration<SearchResult> find(DirContext ctx, String user) throws NamingException {
    return ctx.search("ou=people", "(uid={0})", new Object[] {user}, new SearchControls());
  }
}
