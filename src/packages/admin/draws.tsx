// Taro names a page by its file: the page at packages/admin/draws is the tool in draws/.
export { default } from './draws/draws-page';
