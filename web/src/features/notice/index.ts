// The notice feature's public surface: the recurring logging notice shown in the app shell.
export { RecurringNotice } from './components/RecurringNotice.tsx';
