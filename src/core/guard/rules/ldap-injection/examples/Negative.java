class Directory {
  NamingEnumeration<SearchResult> find(DirContext ctx, String user) throws NamingException {
    return ctx.search("ou=people", "(uid={0})", new Object[] {user}, new SearchControls());
  }

  NamingEnumeration<SearchResult> encoded(DirContext ctx, String user) throws NamingException {
    String filter = String.format("(uid=%s)", LdapEncoder.filterEncode(user));
    return ctx.search("ou=people", filter, new SearchControls());
  }

  NamingEnumeration<SearchResult> esapi(DirContext ctx, String user) throws NamingException {
    StringBuilder sb = new StringBuilder("(uid=");
    sb.append(ESAPI.encoder().encodeForLDAP(user)).append(")");
    return ctx.search("ou=people", sb.toString(), new SearchControls());
  }

  void unboundid(LDAPConnection conn, String user) throws Exception {
    conn.search("dc=example", SearchScope.SUB, Filter.createEqualityFilter("uid", user));
  }

  List<String> spring(LdapTemplate t, String user) {
    return t.search(LdapQueryBuilder.query().where("uid").is(user), mapper);
  }
}
