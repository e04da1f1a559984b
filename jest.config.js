/**
 * Jest: unit tests are fast and pure; integration tests drive LibreOffice and Chromium (slower).
 * The browser suites read builds made before jest (scripts/build-test.js: `npm run build:test`).
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // tsconfig.json sets isolatedModules: ts-jest transpiles each file alone, without type-checking
  // (`npm test` type-checks everything first with `npm run typecheck`), at about half the cost.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  testTimeout: 120000,
  maxWorkers: 2,
  // A worker ends once its last suite is torn down with no handle left open (checked suite by
  // suite); on a loaded two-core machine its exit alone can outlast jest's default 500 ms, which
  // jest then reports as "failed to exit gracefully" and kills it. A real leak still shows, after 5 s.
  workerGracefulExitTimeout: 5000,
};
