def login(root, user):
    return root.xpath("//user[@name='" + user + "']")  # ruleid

def formatted(root, user):
    return root.xpath("//user[@name='{}']".format(user))  # ruleid

def percent(tree, user):
    return tree.findall(".//user[@name='%s']" % user)  # ruleid
