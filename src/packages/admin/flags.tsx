// Taro names a page by its file: the page at packages/admin/flags is the tool in flags/.
export { default } from './flags/flags-page';
