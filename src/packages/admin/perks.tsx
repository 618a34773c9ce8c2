// Taro names a page by its file: the page at packages/admin/perks is the tool in perks/.
export { default } from './perks/perks-page';
