const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');

function unpack(file, target) {
  const zip = new AdmZip(file);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) {
      fs.mkdirSync(path.resolve(target, entry.entryName), { recursive: true }); // ruleid
      continue;
    }
    fs.writeFileSync(path.join(target, entry.entryName), entry.getData()); // ruleid
  }
}

function unzipStream(stream, dest) {
  stream.pipe(unzipper.Parse()).on('entry', (entry) => {
    entry.pipe(fs.createWriteStream(path.join(dest, entry.path))); // ruleid
  });
}

function extractTo(entries, dest, keepPaths) {
  entries.forEach((child) => {
    Utils.writeFileTo(path.resolve(dest, keepPaths ? child.entryName : path.basename(child.entryName)), child.getData()); // ruleid
  });
}

function unpackChecked(zip, target) {
  for (const entry of zip.getEntries()) {
    if (!path.resolve(target, entry.entryName).startsWith(path.resolve(target))) continue;
    fs.writeFileSync(path.resolve(target, entry.entryName), entry.getData()); // ruleid
  }
}
