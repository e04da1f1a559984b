/**
 * Runs a piece of benchmark code in a child node of its own, so its peak memory is its own (not
 * inflated by earlier parts of `npm run bench`). Returns {ms, peakMB}; the peak counts worker
 * threads too (maxRSS of the process).
 */
const { execFileSync } = require("child_process");
const path = require("path");

function measured(code) {
  const script = `
    let peak = 0; const s = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const { performance } = require("perf_hooks");
    (async () => { const t = performance.now(); ${code}; const ms = performance.now() - t; clearInterval(s);
      peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
      process.stdout.write(JSON.stringify({ ms, peakMB: peak / 1048576 })); })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, ".."), encoding: "utf8", maxBuffer: 1 << 24 }),
  );
}

module.exports = { measured };
