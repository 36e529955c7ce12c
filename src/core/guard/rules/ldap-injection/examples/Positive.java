class Directory {
  NamingEnumeration<SearchResult> find(DirContext ctx, String user) throws NamingException {
    return ctx.search("ou=people", "(uid=" + user + ")", new SearchControls()); // ruleid
  }

  NamingEnumeration<SearchResult> formatted(DirContext ctx, String user) throws NamingException {
    String filter = String.format("(&(uid=%s)(objectClass=person))", user);
    return ctx.search("ou=people", filter, new SearchControls()); // ruleid
  }

  NamingEnumeration<SearchResult> built(DirContext ctx, String user) throws NamingException {
    StringBuilder sb = new StringBuilder("(&(cn=");
    sb.append(user);
    sb.append(")(objectClass=person))");
    return ctx.search("ou=people", sb.toString(), new SearchControls()); // ruleid
  }

  void unboundid(LDAPConnection conn, String user) throws Exception {
    conn.search("dc=example", SearchScope.SUB, "(uid=" + user + ")"); // ruleid
    Filter f = Filter.create(MessageFormat.format("(mail={0})", user)); // ruleid
  }

  List<String> spring(LdapTemplate t, String user) {
    return t.search(LdapQueryBuilder.query().base("ou=people").filter("(uid=" + user + ")"), mapper); // ruleid
  }
}
