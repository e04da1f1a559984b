/**
 * Builds the add-in (task pane, ribbon commands, their dialog) and the playground into dist/addin.
 * The task pane never bundles exceljs: only the playground entry imports it. office.js is loaded
 * from Microsoft's CDN by the HTML pages (the one remote script Office requires), or, with
 * `--env officeJs=local` (npm run build:intranet), from the add-in's own host: the files of
 * @microsoft/office-js copied into office-js/, for intranets that cannot reach the CDN.
 * The pane's, the commands' and the dialog's bundles are loaded by bootstrap.js (plain ES5), which first checks the webview can run them.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
/**
 * What office.js may load next to itself in Excel (its host files, locale strings, telemetry); not
 * the debug builds or the other hosts' files.
 */
const OFFICE_JS_SKIP = /\.debug\.js$|vsdoc|\.d\.ts$|[\\/](?:outlook|word|powerpoint|onenote|project|access|html2canvas)[^\\/]*$/i;

const page = (template, filename, chunks, officeJs, inject = "body") =>
  new HtmlWebpackPlugin({
    template,
    filename,
    chunks,
    chunksSortMode: "manual",
    inject,
    scriptLoading: "blocking",
    templateParameters: { officeJs },
  });

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const localOfficeJs = env.officeJs === "local";
  if (env.officeJs && !["local", "cdn"].includes(env.officeJs)) throw new Error(`--env officeJs=${env.officeJs}: expected local or cdn`);
  const officeJs = localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN;
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      dialog: "./src/commands/dialog.ts",
      // Opened in the user's browser where the pane's webview cannot save a file (Excel on Mac).
      download: "./src/taskpane/downloadPage.ts",
      playground: "./src/playground/playground.ts",
    },
    output: {
      path: path.resolve(__dirname, env.outDir || "dist/addin"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: !production } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      // taskpane.js is loaded by bootstrap.js, not injected.
      page("./src/taskpane/taskpane.html", "taskpane.html", ["taskpane"], officeJs, false),
      // commands.js and dialog.js are loaded by bootstrap.js too, not injected.
      page("./src/commands/commands.html", "commands.html", ["commands"], officeJs, false),
      page("./src/commands/dialog.html", "dialog.html", ["dialog"], officeJs, false),
      page("./src/taskpane/download.html", "download.html", ["download"], officeJs),
      // The playground runs the same taskpane.js after its fake Office/Excel globals.
      page("./src/playground/playground.html", "index.html", ["playground", "taskpane"], officeJs),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css" },
          // As written (plain ES5), not through the minifier; office.js files unmodified (Microsoft's licence).
          { from: "src/taskpane/bootstrap.js", info: { minimized: true } },
          ...(localOfficeJs
            ? [{ from: OFFICE_JS_DIST, to: "office-js", filter: (file) => !OFFICE_JS_SKIP.test(file), info: { minimized: true } }]
            : []),
          { from: "src/playground/playground.css" },
          { from: "assets/sample.xlsx" },
          // The official 自评表 sample (playground ?sample=form), from the corpus work.
          { from: "assets/sample-form.xlsx", noErrorOnMissing: true },
          { from: "assets/icon-*.png", to: "assets/[name][ext]", noErrorOnMissing: true },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
    },
  };
};
