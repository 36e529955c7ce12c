import ldap
from ldap.filter import escape_filter_chars

def find(conn, user):
    return conn.search_s("ou=people", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(user))
