// The security log feature's public surface: the "Sikkerhedslog" page.
export { SecurityLogPage } from './components/SecurityLogPage.tsx';
