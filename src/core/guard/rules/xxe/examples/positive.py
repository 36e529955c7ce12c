from lxml import etree
parser = etree.XMLParser(resolve_entities=True)  # ruleid
doc = etree.fromstring(data, parser)
