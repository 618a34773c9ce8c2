// Taro names a page by its file: the page at packages/admin/ladder is the tool in ladder/.
export { default } from './ladder/ladder-page';
