class P { void f(Path p, File f) throws Exception {
  Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx")); // ruleid
  f.setWritable(true, false); // ruleid
} }
