// Taro names a page by its file: the page at packages/admin/rewards is the tool in rewards/.
export { default } from './rewards/rewards-page';
