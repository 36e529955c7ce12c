fs.chmodSync(file, 0o600);
