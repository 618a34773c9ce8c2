// Taro names a page by its file: the page at packages/admin/referral-settings is the tool in referral-settings/.
export { default } from './referral-settings/referral-settings-page';
