import tempfile
fd, path = tempfile.mkstemp(suffix=".txt")
