#!/usr/bin/env node
/**
 * Writes assets/sample-form.xlsx: the seed department's project spending as three filled official
 * 项目支出绩效自评表 (src/sample/forms/sampleForms.ts). Run by `npm run sample` after build:cli.
 */
const path = require("path");
const { writeSampleForm } = require("../dist/sample/forms/sampleForms.js");

const out = process.argv[2] ?? path.join(__dirname, "../assets/sample-form.xlsx");
writeSampleForm(out).then(
  () => process.stderr.write(`已写入 ${out}\n`),
  (err) => {
    process.stderr.write(`错误：${err.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
