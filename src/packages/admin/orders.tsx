// Taro names a page by its file: the page at packages/admin/orders is the tool in orders/.
export { default } from './orders/orders-page';
