import { enEnums } from './enums.en';
import type { Messages } from './zh-CN';

export const en: Messages = {
	'app.name': 'Kedang',
	'app.tagline': 'Customer archives that work offline',
	'app.loading': 'Loading…',

	'nav.label': 'Main navigation',
	'nav.home': 'Home',
	'nav.customers': 'Customers',
	'nav.capture': 'Capture',
	'nav.review': 'Review',
	'nav.settings': 'Settings',

	'login.title': 'Sign in to Kedang',
	'login.email': 'Email',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.submitting': 'Signing in…',
	'login.failed': 'Wrong email or password',
	'login.offline': 'You are offline. The first sign-in needs a network; after that the app works offline.',

	'error.network': 'Cannot reach the server. Check the network and try again.',
	'error.server': 'The server is unavailable ({status}). Please try again later.',
	'error.forbidden': 'You are not allowed to do this.',
	'error.invalid': 'Some of the data is not valid. Please check and try again.',
	'error.unknown': 'Something went wrong: {message}',

	'role.rep': 'Sales rep',
	'role.reviewer': 'Reviewer',
	'role.manager': 'Manager',
	'role.admin': 'Administrator',

	'home.title': 'Home',
	'home.greeting': 'Hello, {name}',
	'home.intro': 'Scan cards and business licences and write visit notes, even with no network.',

	'customers.title': 'Customer archives',
	'customers.empty': 'No customer archives yet.',
	'capture.title': 'Capture',
	'capture.empty': 'Business card and licence recognition is coming soon.',
	'review.title': 'Review queue',
	'review.empty': 'Nothing is waiting for review.',

	'settings.title': 'Settings',
	'settings.language': 'Language',
	'settings.account': 'Account',
	'settings.signedInAs': '{name} ({role})',
	'settings.signOut': 'Sign out',
	'settings.version': 'Version {version}',

	'locale.zh-CN': '简体中文',
	'locale.zh-TW': '繁體中文',
	'locale.en': 'English',

	'network.offline': 'Offline: changes are kept on this device and sync later',

	'update.available': 'A new version is available',
	'update.reload': 'Reload',
	'update.later': 'Later',
	'sync.label': 'Sync status',
	'sync.now': 'Sync now',
	'sync.running': 'Syncing…',
	'sync.pending': '{count} waiting to sync',
	'sync.done': 'Synced {time}',
	'sync.idle': 'Not synced yet',
	'sync.problem.offline': 'Cannot reach the server; retrying automatically',
	'sync.problem.auth': 'Your sign-in has expired; sign in again to keep syncing',
	'sync.problem.error': 'Sync failed; retrying automatically',
	'settings.unsyncedWarning': '{count} changes have not reached the server. Signing out deletes this device\'s data and those changes will be lost. Sign out anyway?',

	...enEnums
};
