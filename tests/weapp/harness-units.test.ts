import { applyPath } from './mini-program';
import { Templates } from './view';
import { VirtualTimers } from './virtual-timers';
import { documentedWxApis } from './wx-api-names';
import { resolveUrl } from './wx-stubs';

// The pure parts of the weapp harness (npm run test:weapp runs the rest against dist/).

describe('applyPath (setData paths as WeChat applies them)', () => {
  it("sets Taro's bracketed paths, creating what is missing", () => {
    const data: any = { root: { cn: [] } };
    applyPath(data, 'root.cn.[0]', { nn: '3', sid: '_a', cn: [] });
    applyPath(data, 'root.cn.[0].cn.[1].v', 'hello');
    expect(data.root.cn[0].sid).toBe('_a');
    expect(data.root.cn[0].cn[1]).toEqual({ v: 'hello' });
  });

  it('sets WeChat-style a.b[1][0] paths and replaces whole values', () => {
    const data: any = {};
    applyPath(data, 'list[1][0]', 'x');
    expect(Array.isArray(data.list)).toBe(true);
    expect(data.list[1][0]).toBe('x');
    applyPath(data, 'list', []);
    expect(data.list).toEqual([]);
  });
});

describe('VirtualTimers', () => {
  it('fires in time order, then in the order they were set; intervals repeat until cleared', () => {
    const errors: unknown[] = [];
    const timers = new VirtualTimers((e) => errors.push(e));
    const seen: string[] = [];
    timers.setTimeout(() => seen.push('b100'), 100);
    timers.setTimeout(() => seen.push('a0'), 0);
    timers.setTimeout(() => seen.push('c0'), 0);
    const every = timers.setInterval(() => seen.push(`tick${timers.now}`), 60);
    for (let i = 0; i < 4; i++) timers.fireNext();
    timers.clearInterval(every);
    while (timers.fireNext());
    expect(seen).toEqual(['a0', 'c0', 'tick60', 'b100']);
    expect(timers.now).toBe(100);
    expect(errors).toEqual([]);
  });

  it('reports a timer that throws instead of stopping the others', () => {
    const errors: unknown[] = [];
    const timers = new VirtualTimers((e) => errors.push(e));
    let ran = false;
    timers.setTimeout(() => {
      throw new Error('boom');
    });
    timers.setTimeout(() => (ran = true));
    while (timers.fireNext());
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
  });
});

describe('resolveUrl', () => {
  it('reads absolute and relative urls; query values stay encoded, as WeChat passes them', () => {
    expect(resolveUrl('pages/index/index', '/packages/shop/order?id=a%2Fb&x')).toEqual({ route: 'packages/shop/order', query: { id: 'a%2Fb', x: '' } });
    expect(resolveUrl('packages/shop/cart', 'checkout?from=cart')).toEqual({ route: 'packages/shop/checkout', query: { from: 'cart' } });
    expect(resolveUrl('packages/shop/cart', '../../pages/member/index')).toEqual({ route: 'pages/member/index', query: {} });
  });
});

describe('Templates (base.wxml)', () => {
  const wxml = `
<template name="tmpl_0_1">
  <view style="{{i.st}}" class="{{i.cl}}" bindtap="eh"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
  </view>
</template>
<template name="tmpl_0_3">
  <view style="{{i.st}}" class="{{i.cl}}"  id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></view>
</template>
<template name="tmpl_0_0">
  <view bindtap="eh" catchtouchmove="eh" class="{{i.cl}}" hover-class="{{i.p1||'none'}}" id="{{i.uid||i.sid}}"></view>
</template>
<template name="tmpl_0_33">
  <template is="{{xs.c(i, 'tmpl_0_')}}" data="{{i:i,c:c}}" />
</template>
<template name="tmpl_0_33_blur">
  <input value="{{i.p11}}" bindinput="eh" bindblur="eh" id="{{i.uid||i.sid}}" />
</template>
<template name="tmpl_0_14">
  <button open-type="{{i.p15}}" bindtap="eh" id="{{i.uid||i.sid}}"></button>
</template>`;
  const templates = new Templates(wxml);
  const node = (nn: string, extra: Record<string, unknown> = {}) => ({ nn, sid: '_x', ...extra });

  it('knows which events each template binds or catches', () => {
    expect(templates.binding(node('1'), 'tap')).toBe('bind');
    expect(templates.binding(node('3'), 'tap')).toBeUndefined();
    expect(templates.binding(node('0'), 'touchmove')).toBe('catch');
  });

  it("reads an input through its blur variant, and attributes from the node's keys", () => {
    expect(templates.of(node('33'))?.tag).toBe('input');
    expect(templates.binding(node('33'), 'input')).toBe('bind');
    expect(templates.of(node('14'))?.attrs.get('open-type')).toBe('p15');
    expect(templates.of(node('0'))?.attrs.get('hover-class')).toBe('p1');
  });

  it('says which events bubble', () => {
    expect(Templates.bubbles('tap')).toBe(true);
    expect(Templates.bubbles('input')).toBe(false);
  });
});

describe('documentedWxApis', () => {
  it("lists the wx members miniprogram-api-typings documents, the app's and the others", () => {
    const apis = documentedWxApis();
    for (const name of ['cloud', 'showToast', 'requestPayment', 'navigateTo', 'requestSubscribeMessage', 'scanCode', 'chooseAddress', 'uploadFile']) {
      expect(apis.has(name)).toBe(true);
    }
    expect(apis.has('window')).toBe(false);
  });
});
