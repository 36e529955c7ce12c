def login(root, user):
    return root.xpath("//user[@name='" + user + "']")  # ruleid
