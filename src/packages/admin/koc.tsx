// Taro names a page by its file: the page at packages/admin/koc is the tool in koc/.
export { default } from './koc/koc-page';
