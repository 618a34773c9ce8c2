import { type PropsWithChildren } from 'react';
// NutUI's design tokens first, then our brand values that override some of them.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import './styles/theme.scss';
import './app.scss';
import { initCloud } from './services/cloud';
import { startOnLoginPage } from './services/login-redirect';
import { readSession } from './services/session-token';

if (process.env.TARO_ENV === 'weapp') initCloud();

// h5 talks to the local emulator, which needs to know who is calling: without a session the
// person first picks a demo identity (or becomes a new customer). This runs when the app module
// loads, before the router picks the first page.
if (process.env.TARO_ENV === 'h5' && !readSession()) startOnLoginPage();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
