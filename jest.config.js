/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '<rootDir>/dist/'],
  // `npm run build` writes compiled copies (with their package.json files) under dist/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 30000,
  // Integration suites start real servers and brokers; two workers match the CI machine's cores.
  maxWorkers: 2,
};
