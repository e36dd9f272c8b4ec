// Three tiers (see docs/testing.md): unit specs beside the code, integration specs against real
// Redis and Postgres, end-to-end specs booting real apps. All are TypeScript compiled by SWC.
const swcrc = require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8');
const swc = { ...JSON.parse(swcrc), sourceMaps: 'inline', $schema: undefined };
swc.jsc.baseUrl = __dirname;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest', swc] },
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], slowTestThreshold: 10 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], slowTestThreshold: 20 },
  ],
};
