session = shopify.Session(SHOP, "2024-01", os.environ["SHOPIFY_TOKEN"])
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
