// Simplified Chinese: the default language and the source of every message key.
// zh-TW.ts and en.ts must translate every key (the type checker enforces it).
// Placeholders are written {name} and filled by t().
import { zhCNEnums } from './enums.zh-CN';

export const zhCN = {
	'app.name': '客档',
	'app.tagline': '客户档案，随身离线',
	'app.loading': '正在加载…',

	'nav.label': '主导航',
	'nav.home': '首页',
	'nav.customers': '客户',
	'nav.capture': '采集',
	'nav.review': '审核',
	'nav.settings': '设置',

	'login.title': '登录客档',
	'login.email': '邮箱',
	'login.password': '密码',
	'login.submit': '登录',
	'login.submitting': '正在登录…',
	'login.failed': '邮箱或密码不正确',
	'login.offline': '当前没有网络。首次登录需要联网，之后可离线使用。',

	'error.network': '无法连接服务器，请检查网络后重试',
	'error.server': '服务器暂时不可用（{status}），请稍后再试',
	'error.forbidden': '没有权限执行此操作',
	'error.invalid': '提交的内容有误，请检查后重试',
	'error.unknown': '出现意外错误：{message}',

	'role.rep': '销售代表',
	'role.reviewer': '内勤审核',
	'role.manager': '经理',
	'role.admin': '管理员',

	'home.title': '首页',
	'home.greeting': '你好，{name}',
	'home.intro': '拍名片、拍营业执照、记拜访，没有网络也能用。',

	'customers.title': '客户档案',
	'customers.empty': '还没有客户档案。',
	'capture.title': '采集',
	'capture.empty': '名片和营业执照识别即将上线。',
	'review.title': '审核队列',
	'review.empty': '暂无待审核的档案。',

	'settings.title': '设置',
	'settings.language': '界面语言',
	'settings.account': '账号',
	'settings.signedInAs': '{name}（{role}）',
	'settings.signOut': '退出登录',
	'settings.version': '版本 {version}',

	'locale.zh-CN': '简体中文',
	'locale.zh-TW': '繁體中文',
	'locale.en': 'English',

	'network.offline': '离线：数据保存在本机，联网后同步',

	'update.available': '有新版本可用',
	'update.reload': '重新加载',
	'update.later': '稍后',
	'sync.label': '同步状态',
	'sync.now': '立即同步',
	'sync.running': '正在同步…',
	'sync.pending': '{count} 条待同步',
	'sync.done': '已同步 {time}',
	'sync.idle': '尚未同步',
	'sync.problem.offline': '连不上服务器，稍后自动重试',
	'sync.problem.auth': '登录已过期，请重新登录以继续同步',
	'sync.problem.error': '同步出错，稍后自动重试',
	'settings.unsyncedWarning': '还有 {count} 条修改没有同步到服务器。退出登录会删除本机上的数据，这些修改将丢失。仍要退出吗？',

	...zhCNEnums
} as const;

/** Every message key. */
export type MessageKey = keyof typeof zhCN;
/** A full translation: every key, any text. */
export type Messages = Record<MessageKey, string>;
