/**
 * Archive completeness (SPEC §2.1–2.2, §5.1 self-check): a 0–100 score and the list of
 * rules not yet met, as stable codes the UI translates.
 *
 * Each rule has a weight; the score is the satisfied share of the weights of the rules
 * that apply, rounded down, so 100 means nothing is missing. Weights favour what
 * identifies the customer (name, credit code) and the three contacts the seeds insist on
 * (决策人, 对接人, 财务).
 */
import { isValidCreditCode } from './credit-code';
import { isIndustryDivisionCode } from './industry';
import { isIsoDate } from './iso-date';
import { parsePhone } from './phone';
import { isBlank } from './text';

/** 企业 | 个人. */
export type CustomerKind = 'company' | 'person';

/** 决策人 | 对接人 | 财务 | 技术 | 其他. */
export type ContactRole = 'decision_maker' | 'liaison' | 'finance' | 'technical' | 'other';

type Text = string | null | undefined;

/** The customer fields completeness looks at (names as in the data contract). */
export interface CompletenessCustomer {
	kind: CustomerKind;
	name?: Text;
	short_name?: Text;
	credit_code?: Text;
	legal_rep?: Text;
	reg_address?: Text;
	address?: Text;
	business_scope?: Text;
	/** GB/T 4754 大类 code, e.g. `'34'`. */
	industry?: Text;
	scale?: Text;
	occupation?: Text;
	status?: Text;
	grade?: Text;
	source?: Text;
	referrer?: Text;
	/** `YYYY-MM-DD`. */
	first_contact?: Text;
	owner?: Text;
}

/** The contact fields completeness looks at. */
export interface CompletenessContact {
	name?: Text;
	title?: Text;
	role?: ContactRole | string | null;
	mobile?: Text;
	phone?: Text;
	email?: Text;
	wechat?: Text;
}

/** Result of {@link archiveCompleteness}. */
export interface Completeness {
	/** 0–100, integer; 100 only when `missing` is empty. */
	score: number;
	/** Stable rule codes in display order, e.g. `['credit_code_invalid', 'contact_finance']`. */
	missing: string[];
}

/** Options for {@link archiveCompleteness}. */
export interface CompletenessOptions {
	/**
	 * `source` values that mean "referred" and therefore need a `referrer`.
	 * Default {@link DEFAULT_REFERRAL_SOURCES}.
	 */
	referralSources?: readonly string[];
}

/**
 * Source codes for 转介绍 and 合作伙伴推荐. The Chinese labels are accepted too, so data
 * imported from spreadsheets scores the same before its codes are mapped.
 */
export const DEFAULT_REFERRAL_SOURCES: readonly string[] = [
	'referral',
	'partner',
	'转介绍',
	'合作伙伴推荐'
];

interface Rule {
	/** Code reported when the rule fails and the field is empty. */
	code: string;
	weight: number;
	/** `true` = met; a string = failed with that code (e.g. `credit_code_invalid`). */
	check: () => boolean | string;
	applies?: () => boolean;
}

/** A contact counts for a role only when it has a name and some way to reach it. */
function reachable(c: CompletenessContact): boolean {
	return !isBlank(c.name) && [c.mobile, c.phone, c.email, c.wechat].some((v) => !isBlank(v));
}

function hasRole(contacts: readonly CompletenessContact[], role: ContactRole): boolean {
	return contacts.some((c) => c.role === role && reachable(c));
}

/** Present-and-valid check: blank → the plain code, present but invalid → `<code>_invalid`. */
function valid(value: Text, ok: (v: string) => boolean, code: string): () => boolean | string {
	return () => (isBlank(value) ? false : ok(value ?? '') || `${code}_invalid`);
}

function present(value: Text): () => boolean {
	return () => !isBlank(value);
}

function companyRules(
	c: CompletenessCustomer,
	contacts: readonly CompletenessContact[],
	referred: boolean
): Rule[] {
	return [
		{ code: 'name', weight: 10, check: present(c.name) },
		{ code: 'credit_code', weight: 10, check: valid(c.credit_code, isValidCreditCode, 'credit_code') },
		{ code: 'legal_rep', weight: 6, check: present(c.legal_rep) },
		{ code: 'address', weight: 8, check: () => !isBlank(c.reg_address) || !isBlank(c.address) },
		{ code: 'industry', weight: 6, check: valid(c.industry, isIndustryDivisionCode, 'industry') },
		{ code: 'scale', weight: 5, check: present(c.scale) },
		{ code: 'status', weight: 5, check: present(c.status) },
		{ code: 'grade', weight: 5, check: present(c.grade) },
		{ code: 'source', weight: 5, check: present(c.source) },
		{ code: 'referrer', weight: 3, check: present(c.referrer), applies: () => referred },
		{ code: 'first_contact', weight: 5, check: valid(c.first_contact, isIsoDate, 'first_contact') },
		{ code: 'owner', weight: 5, check: present(c.owner) },
		{ code: 'contact_decision_maker', weight: 10, check: () => hasRole(contacts, 'decision_maker') },
		{ code: 'contact_liaison', weight: 10, check: () => hasRole(contacts, 'liaison') },
		{ code: 'contact_finance', weight: 10, check: () => hasRole(contacts, 'finance') }
	];
}

function personRules(
	c: CompletenessCustomer,
	contacts: readonly CompletenessContact[],
	referred: boolean
): Rule[] {
	// A person's own numbers live on their contact record(s).
	const hasPhone = () =>
		contacts.some((x) => [x.mobile, x.phone].some((p) => !isBlank(p) && parsePhone(p ?? '').ok));
	return [
		{ code: 'name', weight: 20, check: present(c.name) },
		{ code: 'phone', weight: 20, check: hasPhone },
		{ code: 'occupation', weight: 10, check: present(c.occupation) },
		{ code: 'status', weight: 10, check: present(c.status) },
		{ code: 'grade', weight: 10, check: present(c.grade) },
		{ code: 'source', weight: 10, check: present(c.source) },
		{ code: 'referrer', weight: 5, check: present(c.referrer), applies: () => referred },
		{ code: 'first_contact', weight: 10, check: valid(c.first_contact, isIsoDate, 'first_contact') },
		{ code: 'owner', weight: 10, check: present(c.owner) }
	];
}

/**
 * Scores an archive. Company: name, valid credit code, legal rep, an address (registered
 * or business), a 大类 industry code, scale, status, grade, source (+ referrer when
 * referred), first contact date, owner, and reachable contacts in the roles
 * decision_maker, liaison and finance. Person: name, a valid phone on a contact,
 * occupation, status, grade, source (+ referrer), first contact date, owner. An address
 * is not required of persons: home addresses are data the seeds tell us not to collect.
 */
export function archiveCompleteness(
	customer: CompletenessCustomer,
	contacts: readonly CompletenessContact[] = [],
	options: CompletenessOptions = {}
): Completeness {
	const referralSources = options.referralSources ?? DEFAULT_REFERRAL_SOURCES;
	const referred = !isBlank(customer.source) && referralSources.includes(customer.source?.trim() ?? '');
	const rules = (customer.kind === 'company' ? companyRules : personRules)(customer, contacts, referred);

	let total = 0;
	let met = 0;
	const missing: string[] = [];
	for (const rule of rules) {
		if (rule.applies && !rule.applies()) continue;
		total += rule.weight;
		const outcome = rule.check();
		if (outcome === true) met += rule.weight;
		else missing.push(typeof outcome === 'string' ? outcome : rule.code);
	}
	const score = total === 0 ? 0 : Math.floor((met * 100) / total);
	return { score, missing };
}
