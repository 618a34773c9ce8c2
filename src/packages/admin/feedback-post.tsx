// Taro names a page by its file: the page at packages/admin/feedback-post is the post in feedback/.
export { default } from './feedback/post-page';
