// jest only: @tarojs/components for jsdom. View must be loaded before the package index, which
// otherwise crashes on a circular import (docs/taro-facts.md); the rest comes from the index.
import { createElement, forwardRef } from 'react';
import TaroView from '@tarojs/components-react/dist/components/view/index.js';
import { Image as TaroImage, Input as TaroInput } from '@tarojs/components-react';

export * from '@tarojs/components-react';

// Mini-program attributes that Taro's h5 View, Input and Image spread onto the DOM element as they
// are. Components pass them on purpose (openType="share" is how a weapp button shares; NutUI's
// Dialog sets catchMove, its Input placeholderClass), so the fix belongs here: the jsdom stand-in
// hands React only what a DOM element understands, and React's unknown-prop warnings stay for
// real mistakes. What the components receive is unchanged.
const MINI_PROGRAM_ONLY = ['catchMove', 'openType', 'placeholderClass', 'placeholderStyle', 'showMenuByLongpress'];

// NutUI writes ARIA the mini-program way (ariaRole, ariaChecked); the DOM spells it role, aria-checked.
const domAria = (name) => (name === 'ariaRole' ? 'role' : `aria-${name.slice(4).toLowerCase()}`);

const forDom = (props) => {
  const out = {};
  for (const [name, value] of Object.entries(props)) {
    if (MINI_PROGRAM_ONLY.includes(name)) continue;
    out[/^aria[A-Z]/.test(name) ? domAria(name) : name] = value;
  }
  return out;
};

const domOnly = (Component, displayName) => {
  const Wrapped = forwardRef(function DomOnly(props, ref) {
    return createElement(Component, { ...forDom(props), ref });
  });
  Wrapped.displayName = displayName;
  return Wrapped;
};

const DomView = domOnly(TaroView, 'View');
const DomInput = domOnly(TaroInput, 'Input');
const DomImage = domOnly(TaroImage, 'Image');
export { DomView as View, DomInput as Input, DomImage as Image };
