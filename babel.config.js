// Taro's own preset builds src/ for weapp and h5. Node-side code (core, emulator, cloudfunctions)
// is compiled by esbuild and, in jest, by @swc/jest, so this file only serves the Taro build
// (and the jsdom 'web' jest project, which reuses it through babel-jest).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    // Import NutUI per component (JS + its CSS) instead of the whole library: the full
    // stylesheet alone would add ~160 KiB to the mini-program's main package.
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
