const doc = libxmljs.parseXml(xml, { noent: true }); // ruleid
