// jest only: @tarojs/components for jsdom. View must be loaded before the package index, which
// otherwise crashes on a circular import (docs/taro-facts.md); the rest comes from the index.
export { default as View } from '@tarojs/components-react/dist/components/view/index.js';
export * from '@tarojs/components-react';
