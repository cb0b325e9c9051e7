// Benchmark baseline: the Better Auth receiver a team would write by hand, without capydb-auth-sync.
// node:http + pg, raw body, HMAC check, and per delivery ONE transaction with the receiver's own
// PostgreSQL statements (SqlDialect.POSTGRESQL): record the delivery and, if it was new, upsert the user.
// Env: PORT (8090), HOST (127.0.0.1), PGHOST/PGDATABASE/... (read by pg), PG_POOL_MAX (pg's default 10),
// CAPYDB_AUTH_BETTER_AUTH_SECRET.
const http = require('node:http');
const crypto = require('node:crypto');
const { Pool } = require('pg');

const SECRET = process.env.CAPYDB_AUTH_BETTER_AUTH_SECRET || 'bench-secret';
const PATH = '/capydb-auth/webhooks/better-auth';
const MAX_BODY = 1024 * 1024;
const pool = new Pool(process.env.PG_POOL_MAX ? { max: Number(process.env.PG_POOL_MAX) } : {});
// Named statements are prepared once per connection, as pgjdbc does after a few executions.
const RECORD = `INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES ($1, $2, $3)
  ON CONFLICT (provider, delivery_id) DO NOTHING`;
const UPSERT = `INSERT INTO capydb_auth.users AS u (id, email, first_name, last_name, username, image_url,
    created_at, updated_at, last_sign_in_at, raw, source_updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS jsonb), $11)
  ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
    last_name = EXCLUDED.last_name, username = EXCLUDED.username, image_url = EXCLUDED.image_url,
    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
    last_sign_in_at = EXCLUDED.last_sign_in_at, raw = EXCLUDED.raw, source_updated_at = EXCLUDED.source_updated_at
  WHERE u.deleted_at IS NULL AND (EXCLUDED.source_updated_at IS NULL OR u.source_updated_at IS NULL
    OR EXCLUDED.source_updated_at >= u.source_updated_at)`;

const send = (res, code, obj) => res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(obj));

async function deliver(body) {
  const { event, user } = JSON.parse(body);
  if (typeof user?.id !== 'string') throw new SyntaxError('no user.id'); // answered 400
  // First whitespace-separated token, and the rest (inner spacing kept), as the receiver splits.
  const [, first, last] = (user.name || '').trim().match(/^(\S+)\s*([^]*)$/) || [];
  const key = 'sha256:' + crypto.createHash('sha256').update(body).digest('hex'); // no delivery id in this form
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let status = 'duplicate';
    if ((await client.query({ name: 'record', text: RECORD, values: ['better-auth', key, new Date()] })).rowCount) {
      const up = await client.query({ name: 'upsert', text: UPSERT, values: [user.id, user.email, first || null,
        last || null, user.username, user.image, user.createdAt, user.updatedAt, null,
        JSON.stringify(user), user.updatedAt] });
      status = up.rowCount ? 'mirrored' : 'unchanged';
    }
    await client.query('COMMIT');
    return { status, event };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

http.createServer((req, res) => {
  if (req.url !== PATH) return send(res, 404, { status: 404, error: 'unknown_provider' });
  if (req.method !== 'POST') return send(res, 405, { status: 405, error: 'method_not_allowed' });
  const chunks = []; let size = 0;
  req.on('data', (c) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
  req.on('end', () => {
    if (size > MAX_BODY) return send(res, 413, { status: 413, error: 'too_large' });
    const body = Buffer.concat(chunks);
    const expected = crypto.createHmac('sha256', SECRET).update(body).digest();
    const given = Buffer.from(String(req.headers['x-better-auth-signature'] || '').replace(/^sha256=/, ''), 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return send(res, 401, { status: 401, error: 'invalid_signature' });
    }
    deliver(body).then((result) => send(res, 200, result), (e) => send(res, e instanceof SyntaxError ? 400 : 503,
      { status: e instanceof SyntaxError ? 400 : 503, error: e instanceof SyntaxError ? 'invalid_payload' : 'unavailable' }));
  });
}).listen(Number(process.env.PORT || 8090), process.env.HOST || '127.0.0.1',
  () => console.log(`node peer listening on ${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 8090}`));
