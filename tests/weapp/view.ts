import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A node of a page's rendered data (what setData carried): Taro's shortcuts nn, sid, cn, v, cl, st, p0... */
export interface DataNode {
  nn: string;
  sid: string;
  uid?: string;
  cn?: DataNode[];
  v?: string;
  cl?: string;
  st?: string;
  [prop: string]: unknown;
}

interface Template {
  tag: string;
  /** Events the template binds, and whether it stops them (catch) or lets them bubble (bind). */
  events: Map<string, 'bind' | 'catch'>;
  /** Attribute of the WXML component -> key of the data node holding it (e.g. open-type -> p15). */
  attrs: Map<string, string>;
}

/** WeChat's bubbling events; the others (input, focus, blur, confirm, change...) stay on their node. */
const BUBBLING = new Set([
  'touchstart',
  'touchmove',
  'touchcancel',
  'touchend',
  'tap',
  'longpress',
  'longtap',
  'transitionend',
  'animationstart',
  'animationiteration',
  'animationend',
  'touchforcechange',
]);

/**
 * Taro's base.wxml: which template renders a node (by its `nn`), which events it binds and which
 * data key feeds each attribute. The harness reads it so that a tap reaches exactly the handlers
 * WeChat would call, in the order it would call them.
 */
export class Templates {
  private readonly byName = new Map<string, Template>();

  static load(distDir: string): Templates {
    return new Templates(readFileSync(join(distDir, 'base.wxml'), 'utf8'));
  }

  constructor(wxml: string) {
    for (const match of wxml.matchAll(/<template name="tmpl_0_([^"]+)">\s*<([\w-]+)([^>]*)>/g)) {
      const [, name, tag, attrText] = match;
      const events = new Map<string, 'bind' | 'catch'>();
      const attrs = new Map<string, string>();
      for (const [, kind, event] of attrText.matchAll(/\b(bind|catch)(\w+)="eh"/g)) events.set(event, kind as 'bind' | 'catch');
      for (const [, attr, expression] of attrText.matchAll(/([\w-]+)="\{\{([^}]*)\}\}"/g)) {
        const key = /\bi\.(\w+)/.exec(expression)?.[1];
        if (key) attrs.set(attr, key);
      }
      this.byName.set(name, { tag, events, attrs });
    }
    if (this.byName.size < 5) throw new Error('dist/base.wxml has no Taro templates: is dist/ a weapp build?');
  }

  of(node: DataNode): Template | undefined {
    // Inputs pick a focus/blur variant at render time (the base template only dispatches); both bind the same events.
    const template = this.byName.get(node.nn);
    return template && template.tag !== 'template' ? template : (this.byName.get(`${node.nn}_blur`) ?? template);
  }

  /** How the node handles `type`: 'bind', 'catch' or undefined (not bound: WeChat calls nothing). */
  binding(node: DataNode, type: string): 'bind' | 'catch' | undefined {
    return this.of(node)?.events.get(type);
  }

  static bubbles(type: string): boolean {
    return BUBBLING.has(type);
  }
}

/** An element of the rendered view, with the path of nodes from the page root to it. */
export class ViewElement {
  constructor(
    readonly node: DataNode,
    /** Ancestors, the page's root child first. */
    readonly ancestors: DataNode[],
    private readonly templates: Templates,
    private readonly datasetOf: (sid: string) => Record<string, unknown>,
  ) {}

  get sid(): string {
    return this.node.sid;
  }

  /** The id WeChat gives the element (uid, else sid). */
  get id(): string {
    return this.node.uid ?? this.node.sid;
  }

  get tag(): string {
    return this.templates.of(this.node)?.tag ?? this.node.nn;
  }

  /** data-* attributes: Taro keeps them in the logic layer (the view gets only data-sid). */
  get dataset(): Record<string, unknown> {
    return this.datasetOf(this.node.sid);
  }

  get testId(): string | undefined {
    const id = this.dataset.testid;
    return typeof id === 'string' ? id : undefined;
  }

  /** `data-status` -> dataset.status. */
  data(name: string): string | undefined {
    const key = name.replace(/^data-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = this.dataset[key];
    return value === undefined ? undefined : String(value);
  }

  /** The text the view shows inside the element (text nodes in order), as setData sent it. */
  get text(): string {
    const parts: string[] = [];
    const walk = (node: DataNode) => {
      if (node.v !== undefined) parts.push(String(node.v));
      for (const child of node.cn ?? []) walk(child);
    };
    walk(this.node);
    return parts.join('');
  }

  get classes(): string[] {
    return String(this.node.cl ?? '')
      .split(/\s+/)
      .filter(Boolean);
  }

  /** A WXML attribute as the view receives it (`open-type`, `value`, `disabled`, `src`...). */
  attr(name: string): unknown {
    const key = this.templates.of(this.node)?.attrs.get(name);
    return key === undefined ? undefined : this.node[key];
  }

  /** Elements inside this one, in document order. */
  descendants(): ViewElement[] {
    const out: ViewElement[] = [];
    const walk = (node: DataNode, path: DataNode[]) => {
      for (const child of node.cn ?? []) {
        out.push(new ViewElement(child, path, this.templates, this.datasetOf));
        walk(child, [...path, child]);
      }
    };
    walk(this.node, [...this.ancestors, this.node]);
    return out;
  }

  findAll(testId: string): ViewElement[] {
    return this.descendants().filter((e) => e.testId === testId);
  }

  find(testId: string): ViewElement | undefined {
    return this.findAll(testId)[0];
  }
}

/** Every element of a page's rendered data, in document order. */
export function elementsOf(pageData: any, templates: Templates, datasetOf: (sid: string) => Record<string, unknown>): ViewElement[] {
  const root = pageData?.root;
  if (!root) return [];
  const top = new ViewElement({ nn: 'root', sid: 'root', cn: root.cn ?? [] }, [], templates, datasetOf);
  return top.descendants();
}
