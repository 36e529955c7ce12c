shopify.Session.setup(api_key=KEY)
session = shopify.Session(SHOP, "2024-01", "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")  # ruleid
