fs.chmodSync(file, 0o777); // ruleid
