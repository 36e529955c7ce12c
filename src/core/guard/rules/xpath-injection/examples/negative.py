def login(root, user):
    return root.xpath("//user[@name=$name]", name=user)
