const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const sample = 'postgres://user:password@localhost/db';
const tpl = `postgres://app:${process.env.PGPASSWORD}@db/app`;
