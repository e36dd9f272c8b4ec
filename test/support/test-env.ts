/** A variable the test run (`npm test`) provides; a clear failure when jest runs without it. */
export function requiredTestEnv(name: 'REDIS_URL' | 'DATABASE_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which provisions Redis and PostgreSQL`);
  return value;
}
