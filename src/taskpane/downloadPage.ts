/**
 * download.html: opened in the user's browser by the pane on hosts whose webview cannot save a
 * file (download.ts). It rebuilds the file from the URL fragment, saves it at once and offers a
 * button in case the browser wants a click. It needs no office.js.
 */
import { parseHandoff, saveWithAnchor } from "../adapters/shared/download";
import { el } from "../app/pane/dom";
import { messagesFor } from "../app/i18n";

function render(): void {
  const m = messagesFor(navigator.language);
  document.documentElement.lang = m.title === messagesFor("zh-CN").title ? "zh-CN" : "en-US";
  const root = document.getElementById("app") as HTMLElement;
  root.classList.add("jx-handoff");
  const file = parseHandoff(window.location.hash);
  const header = el("header", { class: "jx-header" }, el("h1", {}, m.title));
  if (!file) {
    root.replaceChildren(header, el("div", { class: "jx-bar jx-bar-error", role: "alert" }, m.handoffMissing));
    return;
  }
  const save = () => saveWithAnchor(file.bytes, file.name);
  const button = el("button", { type: "button", class: "jx-primary", id: "jx-save" }, m.downloadDocx);
  button.addEventListener("click", save);
  root.replaceChildren(header, el("p", { id: "jx-file" }, file.name), button, el("p", { class: "jx-hint" }, m.handoffHint));
  save();
}

document.addEventListener("DOMContentLoaded", render);
