/**
 * Answers the requests of Microsoft's own Excel JavaScript client (`@microsoft/office-js`,
 * `new Excel.RequestContext(url)` POSTs `{Actions, ObjectPaths}` to `url/ProcessQuery`) from the
 * fake Excel object model, so the real client's request construction, batching, load/sync and
 * null-object semantics run against the project's workbook model. Used by the real-client harness
 * (test/e2e/realClient.e2e.test.ts) and the add-in benchmark.
 *
 * Object paths become calls on the fake's proxies (`GetItemOrNullObject` → getItemOrNullObject,
 * `Worksheets` → worksheets); actions queue their commands on one FakeRequestContext, which runs
 * them in one sync, in order; the reply carries each Query's values (PascalCase, `_Items` for
 * collections), null for null objects, and the failing action's index on error. Requests over
 * 5 MB get HTTP 413 and responses over 5 MB the ResponsePayloadSizeLimitExceeded error, like Excel
 * on the web.
 */
import type { FakeWorkbook } from "./excel/model";
import { type FakeError, REQUEST_LIMIT_BYTES } from "./excel/batching";
import { FakeRequestContext } from "./excel/context";

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

/** An argument that is an object (a Range passed to getBoundingRect) travels as its object path id. */
interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: Array<number | null>;
}

interface Action {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

export interface ProcessQueryRequest {
  Actions: Action[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ProcessQueryReply {
  status: number;
  body: string;
}

const OBJECT_PATH = { global: 1, method: 3, property: 4, indexer: 5 } as const;
const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4 } as const;

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

type Target = Record<string, unknown>;

/** A proxy that is a collection (has `items`). */
function isCollection(t: unknown): boolean {
  for (let p = Object.getPrototypeOf(t); p; p = Object.getPrototypeOf(p)) if (Object.getOwnPropertyDescriptor(p, "items")) return true;
  return false;
}

/** A proxy that knows whether it is a null object (the fake's FakeProxy). */
const hasNullState = (t: unknown): t is { isNullObject: boolean } =>
  typeof t === "object" && t !== null && typeof (t as { load?: unknown }).load === "function";

/** Loaded properties of one object or collection item, in the wire's PascalCase. */
function values(t: Target, select: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of select) out[pascal(p)] = t[p];
  if (select.includes("name") && typeof t.name === "string") out._Id = t.name;
  return out;
}

/**
 * Runs one request against `model` (one sync of a fresh fake context) and returns the reply;
 * `apiVersion` plays a host of that ExcelApi set (newer APIs fail).
 */
export async function processQuery(model: FakeWorkbook, bodyText: string, apiVersion?: string): Promise<ProcessQueryReply> {
  if (Buffer.byteLength(bodyText) > REQUEST_LIMIT_BYTES) return { status: 413, body: "" };
  const request = JSON.parse(bodyText) as ProcessQueryRequest;
  const context = new FakeRequestContext(model);
  context.apiVersion = apiVersion;
  const objects = new Map<number, Target>();
  const resolve = (id: number): Target => {
    const known = objects.get(id);
    if (known) return known;
    const info = request.ObjectPaths[String(id)];
    if (!info) throw new Error(`InvalidArgument: unknown object path ${id}`);
    const args = argumentsOf(info.ArgumentInfo);
    let t: Target;
    if (info.ObjectPathType === OBJECT_PATH.global) t = context.workbook as unknown as Target;
    else {
      const parent = resolve(info.ParentObjectPathId!);
      if (info.ObjectPathType === OBJECT_PATH.property) t = parent[camel(info.Name)] as Target;
      // A method whose result the fake does not model (PageBreak from add) still runs; its result is inert.
      else if (info.ObjectPathType === OBJECT_PATH.method) t = (call(parent, info.Name, args) as Target) ?? {};
      else if (info.ObjectPathType === OBJECT_PATH.indexer) t = call(parent, "GetItem", args) as Target;
      else throw new Error(`fake: object path type ${info.ObjectPathType}`);
    }
    if (t === undefined || t === null) throw new Error(`fake: ${info.Name} is not modelled`);
    objects.set(id, t);
    return t;
  };

  const argumentsOf = (info: ArgumentInfo | undefined): unknown[] =>
    (info?.Arguments ?? []).map((a, i) => {
      const ref = info?.ReferencedObjectPathIds?.[i];
      return ref ? resolve(ref) : a;
    });

  // Queue every action's commands, in order; remember what each query and instantiate must answer.
  const answers: Array<() => { ActionId: number; Value: unknown } | null> = [];
  let failedAt = -1;
  let failure: Error | null = null;
  request.Actions.forEach((action, index) => {
    if (failure) return;
    context.origin = index;
    try {
      const t = resolve(action.ObjectPathId);
      const args = argumentsOf(action.ArgumentInfo);
      switch (action.ActionType) {
        case ACTION.instantiate:
          answers.push(() => ({ ActionId: action.Id, Value: hasNullState(t) && t.isNullObject ? null : {} }));
          break;
        case ACTION.setProperty:
          t[camel(action.Name)] = args[0];
          break;
        case ACTION.method:
          call(t, action.Name, args);
          break;
        case ACTION.query: {
          const select = action.QueryInfo?.Select ?? [];
          const collection = isCollection(t);
          (t as unknown as { load(p: string[]): void }).load(collection ? select.map((p) => `items/${p}`) : select);
          answers.push(() => {
            if (hasNullState(t) && t.isNullObject) return { ActionId: action.Id, Value: null };
            const value = collection ? { _Items: (t.items as Target[]).map((item) => values(item, select)) } : values(t, select);
            return { ActionId: action.Id, Value: value };
          });
          break;
        }
        default:
          // Trace and other bookkeeping actions change nothing.
          break;
      }
    } catch (e) {
      failedAt = index;
      failure = e as Error;
    }
  });
  context.origin = undefined;

  let error: Error | null = failure;
  if (!error) {
    try {
      await context.sync();
    } catch (e) {
      error = e as Error;
      failedAt = (e as FakeError).origin ?? -1;
    }
  }
  let results: unknown[] = [];
  if (!error) {
    try {
      results = answers.map((a) => a()).filter((r) => r !== null);
    } catch (e) {
      error = e as Error;
    }
  }
  const body: Record<string, unknown> = { Results: results };
  if (error) {
    const code = /^([A-Za-z]+):/.exec(error.message)?.[1] ?? "GeneralException";
    body.Error = { Code: code, Message: error.message, ActionIndex: failedAt, HttpStatusCode: 400, Location: "" };
  }
  const text = JSON.stringify(body);
  if (Buffer.byteLength(text) > REQUEST_LIMIT_BYTES) {
    const tooLarge = { Code: "ResponsePayloadSizeLimitExceeded", Message: "response over 5 MB", ActionIndex: -1, HttpStatusCode: 413 };
    return { status: 200, body: JSON.stringify({ Results: [], Error: tooLarge }) };
  }
  return { status: 200, body: text };
}

/** A method call by its wire name; object arguments arrive with PascalCase keys where the client sends them so. */
function call(t: Target, name: string, args: readonly unknown[]): unknown {
  // The client asks Excel to check a large array's shape before it sends it: the fake's writes check it.
  if (name === "_ValidateArraySize") return undefined;
  // Event registration is the host's bookkeeping (the fake fires its own events): nothing to do here.
  if (name === "_RegisterDataChangedEvent" || name === "_UnregisterDataChangedEvent") return undefined;
  const f = t[camel(name)];
  if (typeof f !== "function") throw new Error(`fake: ${name} on ${t?.constructor?.name} is not modelled`);
  return (f as (...a: unknown[]) => unknown).apply(t, args as unknown[]);
}
