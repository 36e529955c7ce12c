const pool = new Pool({ connectionString: 'postgres://app:S3cr3tPw@db.internal:5432/app' }); // ruleid
