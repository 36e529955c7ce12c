import tarfile
with tarfile.open(upload) as tar:
    tar.extractall(dest)  # ruleid
with tarfile.open(upload) as tar:
    tar.extractall(path=dest, filter="fully_trusted")  # ruleid
