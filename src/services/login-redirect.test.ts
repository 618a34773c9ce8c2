import { startOnLoginPage } from './login-redirect';

// h5: a shared card opened in a fresh browser (no session yet) goes through the identity picker
// and comes back to the card.

afterEach(() => {
  window.location.hash = '';
});

describe('startOnLoginPage', () => {
  it('keeps the card being opened as `next`', () => {
    window.location.hash = '#/pages/product/index?id=p-beans&s=AbCdEf123456';
    startOnLoginPage();
    expect(window.location.hash).toBe(`#/pages/login/index?next=${encodeURIComponent('/pages/product/index?id=p-beans&s=AbCdEf123456')}`);
  });

  it('starts plainly on the picker when nothing in particular was being opened', () => {
    window.location.hash = '';
    startOnLoginPage();
    expect(window.location.hash).toBe('#/pages/login/index');
  });

  it('stays on the picker when already there', () => {
    window.location.hash = '#/pages/login/index?next=%2Fpackages%2Finvite%2Findex%3Fs%3DAbCdEf123456';
    startOnLoginPage();
    expect(window.location.hash).toBe('#/pages/login/index?next=%2Fpackages%2Finvite%2Findex%3Fs%3DAbCdEf123456');
  });

  it('lets a draw’s published proof open without an identity (anyone may audit it)', () => {
    window.location.hash = '#/packages/draws/verify?id=draw_0123456789ab';
    startOnLoginPage();
    expect(window.location.hash).toBe('#/packages/draws/verify?id=draw_0123456789ab');
  });
});
