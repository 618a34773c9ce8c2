// Taro names a page by its file: the page at packages/admin/refunds is the tool in refunds/.
export { default } from './refunds/refunds-page';
