/**
 * The message dialog of the ribbon commands: a title, then the run's problems (typed data from the
 * query string, worded here in the UI's language) or lines of text, and a close button (the command
 * that opened it completes only once it is closed).
 */
import { noticeLines } from "../app/notice";

function render(): void {
  const params = new URLSearchParams(window.location.search);
  const title = params.get("title") ?? "";
  document.title = title;
  const root = document.getElementById("app") as HTMLElement;
  const h = document.createElement("h1");
  h.className = "jx-header";
  h.textContent = title;
  const list = document.createElement("ul");
  for (const line of noticeLines(params)) {
    const li = document.createElement("li");
    li.textContent = line;
    list.append(li);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.id = "jx-close";
  close.textContent = params.get("close") ?? "OK";
  close.addEventListener("click", () => Office.context.ui.messageParent("close"));
  root.replaceChildren(h, list, close);
  close.focus();
}

if (typeof Office !== "undefined") Office.onReady(render);
