// Taro names a page by its file: the page at packages/admin/adjust is the tool in adjust/.
export { default } from './adjust/adjust-page';
