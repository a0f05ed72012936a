// The access feature's public surface: the "Adgange" page (grant administration).
export { AccessPage } from './components/AccessPage.tsx';
