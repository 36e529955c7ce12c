const cipher = crypto.createCipheriv('aes-256-cbc', 'a-32-byte-long-hardcoded-key!!!!', iv); // ruleid
