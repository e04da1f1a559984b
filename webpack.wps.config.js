/**
 * Builds the WPS 加载项 (src/wps) into dist/wps: the hidden entry page (index.html + main.js,
 * the ribbon callbacks), the task pane (taskpane.html + pane.js, the same pane as in Excel over
 * the WPS host), ribbon.xml and the icons — the layout wpsjs serves. Kept apart from
 * webpack.config.js (the Excel build) on purpose.
 *
 * WPS runs add-in pages in its embedded Chromium (CEF), older than current Chrome: everything,
 * node_modules included, is transpiled to WPS_ES (README "WPS 表格" says which engines and why),
 * and test/integration/wpsBuild.test.ts checks the bundles with es-check at that level.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

/** The language level of the WPS bundles (TypeScript target and es-check version). */
const WPS_ES = "es2015";

const page = (template, filename, chunks) =>
  new HtmlWebpackPlugin({ template, filename, chunks, inject: "body", scriptLoading: "blocking", minify: false });

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const tsRule = (test, include, exclude, extra = {}) => ({
    test,
    include,
    exclude,
    use: {
      loader: "ts-loader",
      options: {
        transpileOnly: true,
        // Not the repo's tsconfig (ES2020 for Node): the WPS engine's level.
        configFile: path.resolve(__dirname, "tsconfig.json"),
        // rootDir "/": node_modules is a symlink out of the repo in worktrees.
        compilerOptions: { module: "esnext", target: WPS_ES, sourceMap: false, downlevelIteration: true, rootDir: "/", ...extra },
      },
    },
  });
  return {
    mode: production ? "production" : "development",
    devtool: false,
    // webpack's own runtime code at the same level.
    target: ["web", WPS_ES],
    entry: {
      main: "./src/wps/main.ts",
      pane: "./src/wps/pane.ts",
    },
    output: {
      path: path.resolve(__dirname, env.outDir || "dist/wps"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js", ".json"] },
    module: {
      rules: [
        tsRule(/\.ts$/, undefined, /node_modules/),
        // Libraries ship newer syntax (docx, jszip's dependencies): transpiled the same way.
        tsRule(/\.m?js$/, /node_modules/, undefined, { allowJs: true, checkJs: false }),
      ],
    },
    optimization: { minimize: production },
    performance: { hints: false },
    plugins: [
      page("./src/wps/index.html", "index.html", ["main"]),
      page("./src/wps/taskpane.html", "taskpane.html", ["pane"]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/wps/ribbon.xml" },
          { from: "src/taskpane/taskpane.css" },
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
        ],
      }),
    ],
  };
};

module.exports.WPS_ES = WPS_ES;
