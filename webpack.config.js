/**
 * Builds the add-in (task pane, ribbon commands, their dialog) and the playground into dist/addin.
 * The task pane never bundles exceljs: only the playground entry imports it. office.js is loaded
 * from Microsoft's CDN by the HTML pages (the one remote script Office requires).
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const page = (template, filename, chunks) =>
  new HtmlWebpackPlugin({ template, filename, chunks, chunksSortMode: "manual", inject: "body", scriptLoading: "blocking" });

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
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
      page("./src/taskpane/taskpane.html", "taskpane.html", ["taskpane"]),
      page("./src/commands/commands.html", "commands.html", ["commands"]),
      page("./src/commands/dialog.html", "dialog.html", ["dialog"]),
      page("./src/taskpane/download.html", "download.html", ["download"]),
      // The playground runs the same taskpane.js after its fake Office/Excel globals.
      page("./src/playground/playground.html", "index.html", ["playground", "taskpane"]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css" },
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
