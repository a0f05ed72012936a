// The admin feature's public surface: the "Brugere og adgang" page.
export { AdminPage } from './components/AdminPage.tsx';
