const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
