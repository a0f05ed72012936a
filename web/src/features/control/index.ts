// The control feature's public surface: the "Kontrol" page.
export { ControlPage } from './components/ControlPage.tsx';
