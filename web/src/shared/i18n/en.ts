// English UI text. Typed as Catalogue, so TypeScript rejects a missing or unknown key.
import type { Catalogue } from './da.ts';

/** The English catalogue. */
export const en: Catalogue = {
  'app.name': 'Skjold',
  'app.tagline': 'Data security in the municipality',
  'app.loading': 'Loading …',
  'app.skipToContent': 'Skip to content',
  'app.municipality': 'Municipality',
  'app.version': 'Version {version}',

  'lang.switch': 'Dansk',
  'lang.switchLabel': 'Skift til dansk',

  'demo.badge': 'Demo',
  'demo.text': 'Demo version with invented data. No information belongs to real people.',

  'notice.title': 'Your lookups are logged and checked',
  'notice.body': "All lookups of citizens' data are logged. The log is checked by random samples and by automated monitoring.",
  'notice.duty': 'Only look up information when your work requires it.',
  'notice.short': "All lookups of citizens' data are logged and checked by random samples and automated monitoring.",

  'login.title': 'Sign in',
  'login.intro': 'Use your personal user name. Never share your login with anyone.',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in …',
  'login.missing': 'Fill in both user name and password.',

  'mfa.title': 'Two-step verification',
  'mfa.totpLabel': 'Code from your authenticator app',
  'mfa.totpHelp': 'Type the 6 digits the app shows right now.',
  'mfa.recoveryLabel': 'Recovery code',
  'mfa.recoveryHelp': 'Each recovery code can be used only once.',
  'mfa.submit': 'Confirm',
  'mfa.missing': 'Type the code.',
  'mfa.useRecovery': 'Use a recovery code instead',
  'mfa.useTotp': 'Use the code from your authenticator app',
  'mfa.webauthnOnly': 'Signing in with a security key is not possible here yet. Contact your IT administrator.',
  'mfa.cancel': 'Back',

  'passwordChange.title': 'You must change your password',
  'passwordChange.body':
    "Your password must be changed before you can continue. Follow your IT administrator's instructions or contact IT support.",
  'passwordChange.back': 'Back to sign in',

  'passwordChange.intro': 'Choose a new, personal password. When it is changed, you are signed out everywhere.',
  'passwordChange.current': 'Current password',
  'passwordChange.new': 'New password',
  'passwordChange.rules': 'At least 12 characters. Avoid words and patterns that are easy to guess.',
  'passwordChange.repeat': 'Repeat new password',
  'passwordChange.mismatch': 'The two new passwords differ.',
  'passwordChange.submit': 'Change password',
  'passwordChange.doneTitle': 'Your password is changed',
  'passwordChange.done': 'Sign in again with your new password.',

  'enrol.title': 'Set up two-step sign-in',
  'enrol.intro': 'You need an authenticator app on your phone before you can continue.',
  'enrol.start': 'Start',
  'enrol.secretIntro': 'Add Skjold to your authenticator app with this key, then type the code the app shows.',
  'enrol.openApp': 'Open in authenticator app',
  'enrol.confirm': 'Confirm',
  'enrol.codesTitle': 'Your recovery codes',
  'enrol.codesBody': 'Keep the codes somewhere safe. They are shown only this once, and each code works once.',
  'enrol.codesDone': 'I have saved the codes',

  'lock.addCode': 'I use a code from an authenticator app',
  'lock.codeHelp': 'Only if you signed in with a code from your authenticator app.',

  'lock.title': 'The screen is locked',
  'lock.body': 'You have been inactive, so Skjold locked the screen. Type your password to continue.',
  'lock.user': 'Signed in as {name}',
  'lock.submit': 'Unlock',
  'lock.submitting': 'Unlocking …',
  'lock.logout': 'Sign out instead',

  'errors.network': 'Skjold is not answering right now. Try again in a moment.',
  'errors.unavailable': 'This function is not available right now. Try again later.',
  'errors.generic': 'Something went wrong. Try again.',
  'errors.meta': "The municipality's details could not be loaded.",

  'shell.mainNav': 'Main menu',
  'shell.userMenu': 'User',
  'shell.logout': 'Sign out',

  'nav.overview': 'Overview',
  'nav.citizenService': 'Citizen service',
  'nav.log': 'Log',
  'nav.control': 'Control',
  'nav.access': 'Access',
  'nav.systems': 'Systems',

  'overview.title': 'Overview',
  'overview.welcome': 'Welcome, {name}',
  'overview.intro': 'Your tasks in Skjold are gathered here. More modules will appear as they become ready.',
  'overview.unit': 'Unit',
  'overview.roles': 'Roles',
  'overview.noRoles': 'No roles assigned',

  'role.employee': 'Employee',
  'role.manager': 'Manager',
  'role.authorizer': 'Authorizer',
  'role.security': 'Information security',
  'role.it-admin': 'IT administrator',
  'role.system-owner': 'System owner',
  'role.dpo': 'Data protection officer',

  'notFound.title': 'Page not found',
  'notFound.back': 'Go to the overview',
};
