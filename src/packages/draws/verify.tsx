// Taro names a page by its file: the page at packages/draws/verify is in verify/ (with the recomputation).
export { default } from './verify/verify-page';
