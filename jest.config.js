/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '<rootDir>/dist/'],
  // `npm run build` writes compiled copies (with their package.json files) under dist/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // A ceiling against a hung test, not a speed budget: on a loaded 2-core machine a stack start or a
  // readiness wait legitimately takes minutes. Timing goals are benchmark figures (bench/).
  testTimeout: 120_000,
  // Integration suites start real servers and brokers; two workers match the CI machine's cores.
  maxWorkers: 2,
  // Every process a test starts is recorded under a per-run directory and stopped (and reported as
  // a leak) at the end; every skip is listed with its reason after the summary. docs/operations.md.
  globalSetup: '<rootDir>/scripts/test/global-setup.js',
  globalTeardown: '<rootDir>/scripts/test/global-teardown.js',
  reporters: ['default', '<rootDir>/scripts/test/skip-reporter.js'],
};
