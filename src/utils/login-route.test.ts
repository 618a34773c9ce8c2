import { routeAfterLogin } from './login-route';

describe('routeAfterLogin', () => {
  it('returns to a page of the app', () => {
    expect(routeAfterLogin('/packages/invite/index?s=AbCdEf123456')).toBe('/packages/invite/index?s=AbCdEf123456');
    expect(routeAfterLogin('/pages/product/index?id=p-beans&s=AbCdEf123456')).toBe('/pages/product/index?id=p-beans&s=AbCdEf123456');
  });

  it.each([[''], ['https://elsewhere.example/'], ['/pages/login/index'], ['//elsewhere.example/pages/x'], ['javascript:alert(1)']])(
    'goes home for %j',
    (next) => {
      expect(routeAfterLogin(next)).toBe('/pages/index/index');
    },
  );
});
