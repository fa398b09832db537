/**
 * What a client may write to `customers` and `contacts` (SPEC §2.1, §2.2). Server-owned
 * fields (number, created_by, created, updated) and the sync bookkeeping (version,
 * base_version, last_op, deleted) are not part of these schemas: parsing strips them.
 */
import * as v from 'valibot';
import {
	ContactsPreferredChannelOptions,
	ContactsRoleOptions,
	CustomersGradeOptions,
	CustomersIndustryOptions,
	CustomersKindOptions,
	CustomersReviewStateOptions,
	CustomersScaleOptions,
	CustomersSourceOptions,
	CustomersStatusOptions
} from '../types/pocketbase';
import {
	creditCode,
	email,
	flag,
	id,
	idList,
	industry,
	list,
	mobile,
	optionalDate,
	optionalMoney,
	optionalPick,
	optionalText,
	phone,
	pick,
	requiredDate,
	requiredText,
	typeMessage
} from './schemas-fields';

/** Customer tags (`物流时效敏感度:高`) and personal events: generous caps, not business rules. */
const MAX_TAGS = 50;
const MAX_TAG_CHARS = 100;
const MAX_EVENTS = 50;

/** 需求背景 (SPEC §2.1): the `needs` JSON of a customer. */
export const CustomerNeedsSchema = v.object(
	{
		core_need: optionalText(2000),
		service_type: optionalText(200),
		expected_start: optionalDate(),
		decision_chain: optionalText(2000)
	},
	typeMessage
);

/** 预算范围: an optional range in fen; when both ends are given, min ≤ max. */
export const CustomerBudgetSchema = v.pipe(
	v.object({ min_fen: optionalMoney(), max_fen: optionalMoney() }, typeMessage),
	v.forward(
		v.partialCheck(
			[['min_fen'], ['max_fen']],
			(b) => b.min_fen === undefined || b.max_fen === undefined || b.min_fen <= b.max_fen,
			'invalid_range'
		),
		['max_fen']
	)
);

/** A customer archive (客户档案). `kind` and `name` are required; for companies `name` is the full legal name. */
export const CustomerSchema = v.pipe(
	v.object(
		{
			id: id(),
			kind: pick(CustomersKindOptions),
			name: requiredText(200),
			short_name: optionalText(100),
			credit_code: creditCode(),
			legal_rep: optionalText(100),
			reg_address: optionalText(500),
			address: optionalText(500),
			business_scope: optionalText(5000),
			industry: industry(CustomersIndustryOptions),
			scale: optionalPick(CustomersScaleOptions),
			occupation: optionalText(100),
			status: optionalPick(CustomersStatusOptions),
			dormant: flag(),
			grade: optionalPick(CustomersGradeOptions),
			source: optionalPick(CustomersSourceOptions),
			referrer: optionalText(100),
			first_contact: optionalDate(),
			owner: id(),
			shared_with: idList(50),
			tags: list(requiredText(MAX_TAG_CHARS), MAX_TAGS),
			needs: v.nullish(CustomerNeedsSchema),
			budget: v.nullish(CustomerBudgetSchema),
			notes: optionalText(5000),
			verified_at: optionalDate(),
			review_state: optionalPick(CustomersReviewStateOptions),
			review_note: optionalText(1000)
		},
		typeMessage
	),
	// The server refuses a return without a reason; say so before the push.
	v.forward(
		v.partialCheck(
			[['review_state'], ['review_note']],
			(c) => c.review_state !== 'returned' || (c.review_note ?? '') !== '',
			'review_note_required'
		),
		['review_note']
	)
);

/** A dated personal event of a contact ("女儿今年要结婚"), turned into a reminder. */
export const PersonalEventSchema = v.object({ date: requiredDate(), note: requiredText(200) }, typeMessage);

/**
 * A contact person of a customer. Phones are stored in E.164 (`+8613812345678`); office
 * and fax numbers may carry `;ext=801`. The email is stored normalised.
 */
export const ContactSchema = v.object(
	{
		id: id(),
		customer: id(),
		name: requiredText(100),
		title: optionalText(100),
		role: optionalPick(ContactsRoleOptions),
		mobile: mobile(32),
		phone: phone(40),
		fax: phone(40),
		email: email(),
		wechat: optionalText(64),
		qq: v.optional(
			v.pipe(
				v.string(typeMessage),
				v.trim(),
				v.check((s) => s === '' || /^[1-9]\d{4,11}$/.test(s), 'invalid_qq')
			)
		),
		website: optionalText(200),
		is_emergency: flag(),
		preferred_channel: optionalPick(ContactsPreferredChannelOptions),
		personal_notes: optionalText(2000),
		personal_events: list(PersonalEventSchema, MAX_EVENTS)
	},
	typeMessage
);

/** What a form or service may hand to {@link CustomerSchema}. */
export type CustomerInput = v.InferInput<typeof CustomerSchema>;
/** What a form or service may hand to {@link ContactSchema}. */
export type ContactInput = v.InferInput<typeof ContactSchema>;
