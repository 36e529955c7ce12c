class Unzip {
  void unzip(ZipInputStream zis, File dir) throws IOException {
    ZipEntry e;
    while ((e = zis.getNextEntry()) != null) {
      File out = new File(dir, e.getName()); // ruleid
      Files.copy(zis, out.toPath());
    }
  }
}
