import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { requireWithEsbuild } from '@tarojs/helper';
import devConfig from './dev';
import prodConfig from './prod';
import { publicEnv } from './public-env';

const isH5 = process.env.TARO_ENV === 'h5';

// Taro compiles only files inside config/ when loading this file, so the brand tokens (which
// belong to the app, in src/) are loaded the way Taro loads app.config.ts: bundled by esbuild.
const { brandScssVariables } = requireWithEsbuild(path.resolve(__dirname, '../src/styles/brand-tokens.ts'), {
  customSwcConfig: { module: { type: 'commonjs' } },
}) as typeof import('../src/styles/brand-tokens');

// NutUI's styles are drawn for a 375px-wide design, ours for the usual 750 (1rpx = 1px of the design).
function designWidthFor(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? (input.file ?? '').replace(/\\+/g, '/') : '';
  return file.includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'flywheel',
    date: '2025-11-27',
    designWidth: designWidthFor,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Both platforms default to dist/ and each build wipes it, so h5 gets its own folder.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // NutUI React Taro renders HTML-ish tags on mini-programs through plugin-html.
    plugins: ['@tarojs/plugin-html'],
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // TARO_APP_* from the shell as well as from .env files (Taro itself only reads the files).
    env: publicEnv(),
    defineConstants: {},
    // The brand tokens as $fw-* variables in every .scss file (see src/styles/brand-tokens.ts).
    sass: { data: brandScssVariables() },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI ships per-component ES modules; prebundling them breaks babel-plugin-import's paths.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Pages import NutUI components in different orders; the order does not matter for us.
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing works from any static server and keeps store state on deep links.
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // NutUI's own px sizes are already H5 sizes.
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: { enable: false },
      },
    },
  };

  if (mode === 'development' || process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
