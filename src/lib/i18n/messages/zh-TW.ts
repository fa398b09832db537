import { zhTWEnums } from './enums.zh-TW';
import type { Messages } from './zh-CN';

// Traditional Chinese (Taiwan / Hong Kong users; seed 004 is written in it).
export const zhTW: Messages = {
	'app.name': '客檔',
	'app.tagline': '客戶檔案，隨身離線',
	'app.loading': '正在載入…',

	'nav.label': '主導覽',
	'nav.home': '首頁',
	'nav.customers': '客戶',
	'nav.capture': '採集',
	'nav.review': '審核',
	'nav.settings': '設定',

	'login.title': '登入客檔',
	'login.email': '電子郵件',
	'login.password': '密碼',
	'login.submit': '登入',
	'login.submitting': '正在登入…',
	'login.failed': '電子郵件或密碼不正確',
	'login.offline': '目前沒有網路。首次登入需要連網，之後可離線使用。',

	'error.network': '無法連線伺服器，請檢查網路後重試',
	'error.server': '伺服器暫時無法使用（{status}），請稍後再試',
	'error.forbidden': '沒有權限執行此操作',
	'error.invalid': '送出的內容有誤，請檢查後重試',
	'error.unknown': '發生意外錯誤：{message}',

	'role.rep': '業務代表',
	'role.reviewer': '內勤審核',
	'role.manager': '經理',
	'role.admin': '管理員',

	'home.title': '首頁',
	'home.greeting': '你好，{name}',
	'home.intro': '拍名片、拍營業執照、記拜訪，沒有網路也能用。',

	'customers.title': '客戶檔案',
	'customers.empty': '還沒有客戶檔案。',
	'capture.title': '採集',
	'capture.empty': '名片和營業執照辨識即將上線。',
	'review.title': '審核佇列',
	'review.empty': '暫無待審核的檔案。',

	'settings.title': '設定',
	'settings.language': '介面語言',
	'settings.account': '帳號',
	'settings.signedInAs': '{name}（{role}）',
	'settings.signOut': '登出',
	'settings.version': '版本 {version}',

	'locale.zh-CN': '简体中文',
	'locale.zh-TW': '繁體中文',
	'locale.en': 'English',

	'network.offline': '離線：資料儲存在本機，連網後同步',

	'update.available': '有新版本可用',
	'update.reload': '重新載入',
	'update.later': '稍後',
	'sync.label': '同步狀態',
	'sync.now': '立即同步',
	'sync.running': '正在同步…',
	'sync.pending': '{count} 筆待同步',
	'sync.done': '已同步 {time}',
	'sync.idle': '尚未同步',
	'sync.problem.offline': '連不上伺服器，稍後自動重試',
	'sync.problem.auth': '登入已過期，請重新登入以繼續同步',
	'sync.problem.error': '同步出錯，稍後自動重試',
	'settings.unsyncedWarning': '還有 {count} 筆修改沒有同步到伺服器。登出會刪除本機上的資料，這些修改將遺失。仍要登出嗎？',

	...zhTWEnums
};
