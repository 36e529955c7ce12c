class P { void f(Path p, File f) throws Exception {
  Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
  f.setWritable(true, true);
} }
