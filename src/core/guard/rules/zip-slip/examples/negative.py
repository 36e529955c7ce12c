import tarfile
with tarfile.open(upload) as tar:
    tar.extractall(dest, filter="data")
with tarfile.open(upload) as tar:
    tar.extractall(path=dest, filter='data')
