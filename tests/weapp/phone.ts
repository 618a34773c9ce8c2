import { MiniProgram, type PageInstance, type Problem } from './mini-program';
import { elementsOf, Templates, ViewElement } from './view';
import { createWx, FIXTURE_PNG, resolveUrl, type CloudBridge, type Device, type DeviceChoices, type WxCall } from './wx-stubs';

export interface ShareCard {
  title?: string;
  path?: string;
  imageUrl?: string;
  /** True when WeChat used the `promise` answer (it waits for it up to 3 s). */
  fromPromise: boolean;
}

const templatesByDist = new Map<string, Templates>();

/**
 * One phone running the weapp build as one WeChat user: its own app instance, storage and page
 * stack; cloud calls carry its OPENID. Everything it does ends with `settle()`, so what a test
 * reads next is what the person would see once the app is done.
 */
export class Phone {
  readonly mp: MiniProgram;
  readonly device: Device;
  private readonly templates: Templates;

  constructor(
    readonly openid: string,
    readonly label: string,
    distDir: string,
    cloud: CloudBridge,
    choices: Partial<DeviceChoices> = {},
  ) {
    let templates = templatesByDist.get(distDir);
    if (!templates) templatesByDist.set(distDir, (templates = Templates.load(distDir)));
    this.templates = templates;
    const device = {
      cloud,
      calls: [] as WxCall[],
      storage: new Map<string, string>(),
      files: new Map<string, Buffer>(),
      choices: {
        modalAnswers: [],
        payment: 'pay',
        album: 'unasked',
        albumPromptAnswer: true,
        subscribe: {},
        photos: [FIXTURE_PNG],
        ...choices,
      } as DeviceChoices,
      inTap: false,
    } as Omit<Device, 'mp'> as Device;
    this.mp = new MiniProgram(
      distDir,
      (mp) => {
        device.mp = mp;
        return createWx(device);
      },
      label,
    );
    this.device = device;
  }

  /** Opens the app on `url` (e.g. '/pages/index/index', or a share card's path) in the given scene. */
  async launch(url = '/pages/index/index', scene = 1001): Promise<void> {
    const { route, query } = resolveUrl(this.mp.current?.route, url);
    this.mp.launch({ path: route, query, scene });
    await this.settle();
  }

  settle(horizonMs?: number): Promise<void> {
    return this.mp.settle(horizonMs);
  }

  get page(): PageInstance {
    const page = this.mp.current;
    if (!page) throw new Error(`${this.label}: no page is open`);
    return page;
  }

  get route(): string {
    return this.page.route;
  }

  get stackRoutes(): string[] {
    return this.mp.stack.map((p) => p.route);
  }

  // ------------------------------------------------------------------ reading the view

  elements(): ViewElement[] {
    return elementsOf(this.page.data, this.templates, (sid) => this.datasetOf(sid));
  }

  findAll(testId: string): ViewElement[] {
    return this.elements().filter((e) => e.testId === testId);
  }

  find(testId: string): ViewElement | undefined {
    return this.findAll(testId)[0];
  }

  /** The element, or an error naming the page and the test ids it does show. */
  get(testId: string): ViewElement {
    const found = this.find(testId);
    if (found) return found;
    const shown = [
      ...new Set(
        this.elements()
          .map((e) => e.testId)
          .filter(Boolean),
      ),
    ];
    throw new Error(`${this.label} on ${this.route}: no "${testId}" rendered; test ids shown: ${shown.join(', ') || '(none)'}`);
  }

  text(testId: string): string {
    return this.get(testId).text.trim();
  }

  has(testId: string): boolean {
    return this.find(testId) !== undefined;
  }

  // ------------------------------------------------------------------ acting

  /** A tap: WeChat calls the handler bound on the element, then on each ancestor binding tap (bubbling), until a catch. */
  async tap(target: string | ViewElement): Promise<void> {
    const element = typeof target === 'string' ? this.get(target) : target;
    this.device.inTap = true;
    try {
      this.dispatch(element, 'tap', { x: 0, y: 0 });
    } finally {
      this.device.inTap = false;
    }
    const button = [element.node, ...[...element.ancestors].reverse()].find((n) => this.templates.of(n)?.tag === 'button');
    if (button) {
      const el = new ViewElement(button, [], this.templates, (sid) => this.datasetOf(sid));
      const openType = el.attr('open-type');
      if (openType === 'share') await this.shareAppMessage({ from: 'button', button: el });
      // getPhoneNumber, chooseAvatar, contact...: WeChat opens its own sheet, which the harness does not play yet.
      else if (openType)
        this.mp.report(
          'unknown-api',
          `<button open-type="${String(openType)}"> is tapped but the weapp harness does not simulate it: add it to tests/weapp/phone.ts`,
        );
    }
    await this.settle();
  }

  /** Types `value` into the <input> at or inside the element: focus, then one input event. */
  async input(target: string | ViewElement, value: string): Promise<void> {
    const element = typeof target === 'string' ? this.get(target) : target;
    const input = [element, ...element.descendants()].find((e) => e.tag === 'input' || e.tag === 'textarea');
    if (!input) throw new Error(`${this.label} on ${this.route}: no <input> at or inside "${element.testId ?? element.sid}"`);
    this.dispatch(input, 'focus', { value: String(input.attr('value') ?? ''), height: 0 });
    this.dispatch(input, 'input', { value, cursor: value.length, keyCode: 0 });
    await this.settle();
  }

  /** The person taps a tab in the tab bar. */
  async tapTab(route: string): Promise<void> {
    if (!this.mp.isTab(route)) throw new Error(`${route} is not in the tab bar`);
    const item = (this.mp.appJson.tabBar?.list ?? []).findIndex((t) => t.pagePath === route);
    this.mp.call(this.page, 'onTabItemTap', this.mp.toApp({ index: item, pagePath: route, text: '' }));
    this.mp.switchTab(route);
    await this.settle();
  }

  /** The back button of the navigation bar. */
  async back(): Promise<void> {
    if (this.mp.stack.length < 2) throw new Error(`${this.label}: no page to go back to`);
    this.mp.popPage();
    if (this.mp.current) this.mp.call(this.mp.current, 'onShow');
    await this.settle();
  }

  /** The person leaves the mini-program (home button, another chat) and comes back: onHide, then onShow. */
  async leaveAndReturn(): Promise<void> {
    const page = this.page;
    this.mp.call(page, 'onHide');
    this.mp.call(this.mp.app, 'onHide');
    await this.settle();
    this.mp.call(this.mp.app, 'onShow', this.mp.toApp({ path: page.route, query: page.options, scene: 1001, referrerInfo: {} }));
    this.mp.call(page, 'onShow');
    await this.settle();
  }

  /**
   * 转发: WeChat calls onShareAppMessage (from the ··· menu, or from an open-type="share" button)
   * and sends the card it answers; when the answer has a `promise`, WeChat waits up to 3 s for it.
   * The path must be a page of the app.
   */
  async shareAppMessage(options: { from: 'menu' } | { from: 'button'; button: ViewElement } = { from: 'menu' }): Promise<ShareCard> {
    const page = this.page;
    if (typeof page.onShareAppMessage !== 'function')
      throw new Error(`${this.label}: ${page.route} cannot be shared (no onShareAppMessage: WeChat greys out 转发)`);
    const arg =
      options.from === 'button'
        ? { from: 'button', target: { id: options.button.id, dataset: { sid: options.button.sid }, offsetLeft: 0, offsetTop: 0 }, webViewUrl: '' }
        : { from: 'menu', target: undefined, webViewUrl: '' };
    const answer = this.mp.call(page, 'onShareAppMessage', this.mp.toApp(arg)) as any;
    let card: ShareCard = { title: answer?.title, path: answer?.path, imageUrl: answer?.imageUrl, fromPromise: false };
    if (answer?.promise && typeof answer.promise.then === 'function') {
      // WeChat waits up to 3 s for the promise: here, until the app has nothing left to do (its
      // cloud calls answered, its timers run); a promise still pending then is one WeChat gives up on.
      let resolved: { v: any } | null = null;
      Promise.resolve(answer.promise).then(
        (v: any) => (resolved = { v }),
        () => undefined,
      );
      await this.settle(3000);
      const v = (resolved as { v: any } | null)?.v;
      if (v) card = { title: v.title ?? card.title, path: v.path ?? card.path, imageUrl: v.imageUrl ?? card.imageUrl, fromPromise: true };
    }
    this.device.calls.push({ api: 'share.appMessage', option: card });
    this.checkSharePath(card.path, 'onShareAppMessage');
    await this.settle();
    return card;
  }

  /** 分享到朋友圈: onShareTimeline's query (synchronous: WeChat takes no promise here). */
  async shareTimeline(): Promise<{ title?: string; query?: string }> {
    const page = this.page;
    if (typeof page.onShareTimeline !== 'function') throw new Error(`${this.label}: ${page.route} cannot be shared to the timeline (no onShareTimeline)`);
    const answer = (this.mp.call(page, 'onShareTimeline') ?? {}) as { title?: string; query?: string };
    this.device.calls.push({ api: 'share.timeline', option: { ...answer } });
    await this.settle();
    return { title: answer.title, query: answer.query };
  }

  private checkSharePath(path: string | undefined, from: string): void {
    if (path === undefined) return; // WeChat shares the current page
    const { route } = resolveUrl(this.mp.current?.route, path);
    if (!path.startsWith('/') || !this.mp.routes.has(route)) this.mp.report('wx-misuse', `${from} returned path "${path}", which is not a page of the app`);
  }

  private dispatch(element: ViewElement, type: string, detail: Record<string, unknown>): void {
    const page = this.page;
    const target = { id: element.id, dataset: { sid: element.sid }, offsetLeft: 0, offsetTop: 0 };
    const chain = [element.node, ...[...element.ancestors].reverse()];
    let delivered = false;
    for (const node of chain) {
      const binding = this.templates.binding(node, type);
      if (!binding) {
        if (node === element.node && !Templates.bubbles(type)) break;
        continue;
      }
      delivered = true;
      const event = {
        type,
        timeStamp: this.mp.timers.now,
        target,
        currentTarget: { id: node.uid ?? node.sid, dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 },
        detail,
        touches: [],
        changedTouches: [],
        mark: {},
        mut: false,
      };
      this.mp.call(page, 'eh', this.mp.toApp(event));
      if (binding === 'catch' || !Templates.bubbles(type)) break;
    }
    if (!delivered)
      throw new Error(
        `${this.label} on ${this.route}: nothing handles ${type} on "${element.testId ?? element.sid}" (no ${type} binding on it or its ancestors)`,
      );
  }

  private datasetOf(sid: string): Record<string, unknown> {
    const element = this.mp.taroDocument().getElementById(sid);
    return (element?.dataset ?? {}) as Record<string, unknown>;
  }

  // ------------------------------------------------------------------ what WeChat recorded

  calls(api: string): any[] {
    return this.device.calls.filter((c) => c.api === api).map((c) => c.option);
  }

  toasts(): string[] {
    return this.calls('showToast').map((o) => String(o?.title ?? ''));
  }

  get problems(): Problem[] {
    return this.mp.problems;
  }

  /** Throws when the app misbehaved on this phone: an error, an unhandled rejection, console.error, an API the harness does not know. */
  assertHealthy(): void {
    if (!this.problems.length) return;
    throw new Error(`${this.label}: the mini-program went wrong:\n${this.problems.map((p) => `    [${p.kind}] ${p.message}`).join('\n')}`);
  }

  close(): void {
    this.mp.dispose();
  }
}
