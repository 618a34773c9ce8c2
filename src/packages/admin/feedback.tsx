// Taro names a page by its file: the page at packages/admin/feedback is the tool in feedback/.
export { default } from './feedback/feedback-page';
