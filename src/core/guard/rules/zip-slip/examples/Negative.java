class Unzip {
  void unzip(ZipInputStream zis, File dir) throws IOException {
    ZipEntry e;
    while ((e = zis.getNextEntry()) != null) {
      File out = new File(dir, e.getName());
      if (!out.getCanonicalPath().startsWith(dir.getCanonicalPath() + File.separator)) throw new IOException("bad entry");
      Files.copy(zis, out.toPath());
    }
  }
}
