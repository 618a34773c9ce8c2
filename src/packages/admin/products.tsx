// Taro names a page by its file: the page at packages/admin/products is the tool in products/.
export { default } from './products/products-page';
