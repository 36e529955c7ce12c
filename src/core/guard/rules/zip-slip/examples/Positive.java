class Unzip {
  void unzip(ZipInputStream zis, File dir) throws IOException {
    ZipEntry e;
    while ((e = zis.getNextEntry()) != null) {
      File out = new File(dir, e.getName()); // ruleid
      Files.copy(zis, out.toPath());
    }
  }
  // The canonical-path check without a trailing separator lets an entry reach a sibling folder (dir-evil/…).
  void unzipChecked(ZipInputStream zis, File dir) throws IOException {
    ZipEntry e;
    while ((e = zis.getNextEntry()) != null) {
      File out = new File(dir, e.getName()); // ruleid
      if (!out.getCanonicalPath().startsWith(dir.getCanonicalPath())) throw new IOException("bad entry");
      Files.copy(zis, out.toPath());
    }
  }
}
