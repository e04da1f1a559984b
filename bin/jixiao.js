#!/usr/bin/env node
// The jixiao CLI. `npm install` compiles src/ to dist/ (the prepare script).
const { main } = require("../dist/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
