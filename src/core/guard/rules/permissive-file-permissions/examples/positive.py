import os
os.chmod(path, 0o777)  # ruleid
