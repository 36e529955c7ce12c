const doc = libxmljs.parseXml(xml, { noent: false });
