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

// The React bindings run under jsdom (with Node's fetch) against real servers; TSX with the automatic runtime.
const swcReact = {
  ...swc,
  jsc: {
    ...swc.jsc,
    parser: { ...swc.jsc.parser, tsx: true },
    transform: { ...swc.jsc.transform, react: { runtime: 'automatic' } },
  },
};
const react = {
  ...shared,
  displayName: 'react',
  testEnvironment: '<rootDir>/libs/react/test/jsdom-with-fetch.environment.js',
  testMatch: ['<rootDir>/libs/react/**/*.spec.tsx'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', swcReact] },
  // The package's sources import with ESM `.js` suffixes; jest resolves them to the `.ts(x)` files.
  moduleNameMapper: { ...shared.moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  slowTestThreshold: 20,
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], slowTestThreshold: 10 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], slowTestThreshold: 20 },
    react,
  ],
};
