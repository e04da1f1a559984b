/**
 * Just enough DOM for the task pane's code under Node (no jsdom in the project): elements with
 * attributes, classes, children, text, form-control state, events, and querySelector(All) over
 * simple selectors (`tag`, `#id`, `.class`, `tag.class`, `[attr=value]`, compounds of these).
 */

type Listener = (event: MiniEvent) => void;

export class MiniEvent {
  constructor(
    readonly type: string,
    readonly target: MiniElement,
  ) {}
  preventDefault(): void {}
}

export class MiniText {
  parentNode: MiniElement | null = null;
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

type MiniNode = MiniElement | MiniText;

export class MiniElement {
  readonly tagName: string;
  readonly attributes = new Map<string, string>();
  childNodes: MiniNode[] = [];
  parentNode: MiniElement | null = null;
  private listeners = new Map<string, Listener[]>();
  hidden = false;
  disabled = false;
  checked = false;
  private ownValue: string | undefined;

  constructor(tag: string) {
    this.tagName = tag.toUpperCase();
  }

  get className(): string {
    return this.attributes.get("class") ?? "";
  }
  set className(v: string) {
    this.attributes.set("class", v);
  }
  get id(): string {
    return this.attributes.get("id") ?? "";
  }
  get title(): string {
    return this.attributes.get("title") ?? "";
  }
  get classList() {
    const get = () => this.className.split(/\s+/).filter((c) => c);
    const set = (cs: string[]) => (this.className = cs.join(" "));
    return {
      contains: (c: string) => get().includes(c),
      add: (c: string) => set([...get().filter((x) => x !== c), c]),
      remove: (c: string) => set(get().filter((x) => x !== c)),
      toggle: (c: string, force?: boolean) => {
        const on = force ?? !get().includes(c);
        set(on ? [...get().filter((x) => x !== c), c] : get().filter((x) => x !== c));
        return on;
      },
    };
  }
  setAttribute(k: string, v: string): void {
    this.attributes.set(k, String(v));
    if (k === "checked") this.checked = true;
    if (k === "hidden") this.hidden = true;
    if (k === "disabled") this.disabled = true;
  }
  getAttribute(k: string): string | null {
    return this.attributes.get(k) ?? null;
  }

  get children(): MiniElement[] {
    return this.childNodes.filter((n): n is MiniElement => n instanceof MiniElement);
  }
  append(...nodes: Array<MiniNode | string>): void {
    for (const n of nodes) {
      const node = typeof n === "string" ? new MiniText(n) : n;
      node.parentNode?.childNodes.splice(node.parentNode.childNodes.indexOf(node), 1);
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }
  prepend(...nodes: Array<MiniNode | string>): void {
    const rest = this.childNodes;
    this.childNodes = [];
    this.append(...nodes);
    for (const n of rest) this.childNodes.push(n);
  }
  /** data-* attributes, as a plain object (enough for the pane's reads and writes). */
  readonly dataset: Record<string, string> = {};
  /** Focus: recorded on the document (`document.activeElement`). */
  focus(): void {
    (globalThis as unknown as { document: { activeElement: MiniElement | null } }).document.activeElement = this;
  }
  replaceChildren(...nodes: Array<MiniNode | string>): void {
    for (const n of this.childNodes) n.parentNode = null;
    this.childNodes = [];
    this.append(...nodes);
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(v: string) {
    this.replaceChildren(v);
  }

  /** select: the chosen option's value (the first by default); input: its own or its attribute. */
  get value(): string {
    if (this.ownValue !== undefined) return this.ownValue;
    if (this.tagName === "SELECT") {
      const options = this.querySelectorAll("option");
      const chosen = options.find((o) => o.attributes.has("selected")) ?? options[0];
      return chosen ? chosen.value : "";
    }
    return this.attributes.get("value") ?? (this.tagName === "OPTION" ? this.textContent : "");
  }
  set value(v: string) {
    this.ownValue = v;
  }

  addEventListener(type: string, f: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  dispatch(type: string): void {
    for (const f of this.listeners.get(type) ?? []) f(new MiniEvent(type, this));
  }
  click(): void {
    if (!this.disabled) this.dispatch("click");
  }
  /** What a user's choice in a select does: set the value and fire change. */
  choose(value: string): void {
    this.value = value;
    this.dispatch("change");
  }
  /** What a click on a radio does: check it, uncheck its group, fire change. */
  check(): void {
    const name = this.getAttribute("name");
    let root: MiniElement = this;
    while (root.parentNode) root = root.parentNode;
    for (const r of root.querySelectorAll(`input[name=${name}]`)) r.checked = false;
    this.checked = true;
    this.dispatch("change");
  }

  private matches(selector: string): boolean {
    const parts = selector.match(/^([a-z0-9]+)?((?:[#.][\w-]+|\[[\w-]+=[^\]]+\])*)$/i);
    if (!parts) throw new Error(`miniDom: unsupported selector ${selector}`);
    if (parts[1] && parts[1].toUpperCase() !== this.tagName) return false;
    for (const [, kind, name, attr, value] of parts[2].matchAll(/([#.])([\w-]+)|\[([\w-]+)=([^\]]+)\]/g)) {
      if (kind === "#" && this.id !== name) return false;
      if (kind === "." && !this.classList.contains(name)) return false;
      if (attr && this.getAttribute(attr) !== value.replace(/^["']|["']$/g, "")) return false;
    }
    return true;
  }
  querySelectorAll(selector: string): MiniElement[] {
    const out: MiniElement[] = [];
    const selectors = selector.split(",").map((x) => x.trim());
    const walk = (e: MiniElement) => {
      for (const c of e.children) {
        if (selectors.some((x) => c.matches(x))) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(selector: string): MiniElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}

/** Installs `document` on globalThis; returns the body to mount the pane in. */
export function installMiniDom(): MiniElement {
  const documentElement = new MiniElement("html");
  const body = new MiniElement("body");
  documentElement.append(body);
  (globalThis as unknown as { document: unknown }).document = {
    title: "",
    documentElement,
    body,
    activeElement: null,
    visibilityState: "visible",
    createElement: (tag: string) => new MiniElement(tag),
    createElementNS: (_ns: string, tag: string) => new MiniElement(tag),
    getElementById: (id: string) => documentElement.querySelector(`#${id}`),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  (globalThis as unknown as { window: unknown }).window = {
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    location: { href: "https://localhost/taskpane.html" },
  };
  return body;
}

/** A MiniElement typed as the HTMLElement the pane's functions take. */
export const asHtml = (e: MiniElement) => e as unknown as HTMLElement;
