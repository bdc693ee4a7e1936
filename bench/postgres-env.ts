// Benchmarks run on a PostgreSQL server: DB_* from the environment, or the local server that
// .ci/run sets up (folio_admin / okapi_modules on 127.0.0.1).
export function usePostgres(): void {
  process.env.DB_HOST ??= '127.0.0.1';
  process.env.DB_PORT ??= '5432';
  process.env.DB_USERNAME ??= 'folio_admin';
  process.env.DB_PASSWORD ??= 'folio_admin';
  process.env.DB_DATABASE ??= 'okapi_modules';
}
