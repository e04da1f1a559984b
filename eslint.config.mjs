// office-addin-lint's configuration (eslint-plugin-office-addins' recommended rules, prettier
// included). Its load/sync rules speak about office.js proxies, so they apply only where office.js
// is used; elsewhere (exceljs rows, plain objects) they would misread ordinary property reads.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import globals from "globals";

const officeJsFiles = ["src/adapters/officejs/**", "src/app/**", "src/taskpane/**", "src/commands/**"];
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((c) => Object.keys(c.rules ?? {}))
    .filter((r) => r.startsWith("office-addins/"))
    .map((r) => [r, "off"]),
);

export default [
  { ignores: ["dist/**", "out/**", "node_modules/**", "coverage/**", "test-output/**", "bench/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, globals: { ...globals.node, ...globals.browser, ...globals.jest, Office: "readonly", Excel: "readonly" } },
    // TypeScript checks names itself; eslint's no-undef does not know its types.
    rules: { "no-undef": "off" },
  },
  { ignores: officeJsFiles, rules: officeRules },
];
