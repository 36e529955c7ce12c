import tempfile
path = tempfile.mktemp(suffix=".txt")  # ruleid
