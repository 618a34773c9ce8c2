import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { Current } from '@tarojs/runtime';

// jest only: renders a page the way Taro's H5 router mounts one, inside a container whose id is
// the page path, with Current.page set. Components that measure themselves through
// Taro.createSelectorQuery (e.g. NutUI Tabs) look the page up there and fail without it.

const PAGE_PATH = 'jest-page';

export function renderPage(ui: ReactElement) {
  const container = document.createElement('div');
  container.id = PAGE_PATH;
  document.body.appendChild(container);
  (Current as { page: unknown }).page = { path: PAGE_PATH };
  const result = render(ui, { container });
  return {
    ...result,
    unmount: () => {
      result.unmount();
      container.remove();
      (Current as { page: unknown }).page = null;
    },
  };
}
