/*
 * The bootstrap of every page Office opens (task pane, ribbon commands, their dialog): plain ES5 on
 * purpose (es-check verifies it in the tests), so it runs in the oldest webview Office uses (Internet
 * Explorer 11 or old Edge for volume-licensed Office through 2019). It loads the page's bundle
 * (ES2020) only where the JavaScript it needs exists; elsewhere the page says why in Chinese (and
 * English), instead of staying blank. On the hidden commands page (data-actions), each ribbon button
 * opens the dialog — whose own bootstrap shows the same message — and completes its event when the
 * dialog is closed, so a button never hangs.
 */
(function () {
  var w = window;
  var me = document.currentScript || document.getElementById("jx-bootstrap");
  var bundle = (me && me.getAttribute("data-bundle")) || "taskpane.js";
  var actions = me && me.getAttribute("data-actions");

  function has(name) {
    return typeof w[name] === "function";
  }

  /** The syntax the bundle is compiled to (ES2020): a SyntaxError where it is missing. */
  function syntaxOk() {
    try {
      new Function(
        "class A { m() { return 1; } } var o = { a: { b: 1 } }; var x = o?.a?.b ?? 0; var f = async () => { await 0; }; let [p, ...q] = [1, 2]; const s = `${p}`; return [x, f, q, s, new A()];",
      );
      return true;
    } catch (e) {
      // A content security policy without unsafe-eval says nothing about the syntax: try the bundle.
      return !(e instanceof SyntaxError);
    }
  }

  var missing = [];
  var needed = ["Promise", "fetch", "Map", "Set", "Symbol", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "Blob", "Uint8Array"];
  for (var i = 0; i < needed.length; i++) if (!has(needed[i])) missing.push(needed[i]);
  if (!Object.assign || !Array.prototype.includes || !String.prototype.startsWith) missing.push("ES2015+");
  if (!syntaxOk()) missing.push("ES2020");

  if (missing.length === 0) {
    var script = document.createElement("script");
    script.src = bundle;
    document.body.appendChild(script);
    return;
  }

  if (actions) {
    associateUnsupported(actions.split(","));
    return;
  }
  showMessage(missing);

  /** Ribbon commands on an old webview: each opens dialog.html (which shows the message) and completes once it closes. */
  function associateUnsupported(names) {
    function command(event) {
      var done = false;
      function complete() {
        if (done) return;
        done = true;
        try {
          event.completed();
        } catch (ignored) {
          // Nothing more to do: the host has let the command go.
          void ignored;
        }
      }
      try {
        var url = w.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + "dialog.html";
        Office.context.ui.displayDialogAsync(url, { height: 40, width: 30, displayInIframe: true }, function (result) {
          var dialog = result && result.status === Office.AsyncResultStatus.Succeeded ? result.value : null;
          if (!dialog) return complete();
          dialog.addEventHandler(Office.EventType.DialogEventReceived, complete);
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, function () {
            dialog.close();
            complete();
          });
        });
      } catch (failed) {
        void failed;
        complete();
      }
    }
    function register() {
      for (var k = 0; k < names.length; k++) {
        // Older hosts call a function file's commands by their global name; newer ones through associate.
        w[names[k]] = command;
        if (Office.actions && Office.actions.associate) Office.actions.associate(names[k], command);
      }
    }
    // office.js (CDN or the intranet copy) has Office.onReady on every host it supports.
    if (typeof Office !== "undefined") Office.onReady(register);
  }

  function showMessage(missing) {
    var app = document.getElementById("app") || document.body;
    var box = document.createElement("div");
    box.id = "jx-unsupported-browser";
    box.setAttribute("role", "alert");
    box.style.cssText = "margin:16px;padding:12px;border:1px solid #a80000;color:#a80000;font:14px/1.6 'Microsoft YaHei',sans-serif";
    var lines = [
      "绩效自评助手无法在此 Excel 中运行：Excel 用来显示任务窗格的浏览器组件过旧（如 Internet Explorer 11 或旧版 Edge），缺少所需的 JavaScript 功能。",
      "请任选其一：升级到 Microsoft 365、Excel 2021 或更高版本（使用 Edge WebView2）；或在 Edge、Chrome 中用 Excel 网页版打开此工作簿。",
      "This version of Excel shows add-ins in an outdated browser (Internet Explorer 11 or old Edge). Please use Microsoft 365, Excel 2021 or later, or Excel on the web.",
      "（缺少：" + missing.join("、") + "）",
    ];
    for (var j = 0; j < lines.length; j++) {
      var p = document.createElement("p");
      p.style.margin = "0 0 8px";
      p.appendChild(document.createTextNode(lines[j]));
      box.appendChild(p);
    }
    app.appendChild(box);
  }
})();
