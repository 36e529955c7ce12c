import ldap

def find(conn, user):
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, "(uid=%s)" % user)  # ruleid
