const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');

function unpack(file, target) {
  const root = path.resolve(target);
  const zip = new AdmZip(file);
  for (const entry of zip.getEntries()) {
    const out = path.resolve(root, entry.entryName);
    if (!out.startsWith(root + path.sep)) throw new Error(`entry outside the target: ${entry.entryName}`);
    fs.writeFileSync(path.join(target, entry.entryName), entry.getData());
  }
}

function extractAll(zip, target) {
  zip.getEntries().forEach((entry) => {
    Utils.writeFileTo(sanitize(target, entry.entryName), entry.getData());
  });
}

function listNames(zip, target) {
  zip.getEntries().forEach((entry) => {
    console.log(path.join(target, entry.entryName));
    fs.writeFileSync(path.join(target, 'index.txt'), entry.comment);
  });
}
