// Capture of a business card (SPEC §3.1): one customer, its contact person and
// the card photo, written to the device in ONE transaction with their outbox
// entries — no network, so it works offline and takes milliseconds.
// Issue 5 fills the same CardValues from OCR.
import * as v from 'valibot';
import type { AppDB, Fields } from '$lib/db/app-db';
import { ContactSchema, CustomerSchema, parsePhone, type SchemaIssueCode } from '$lib/domain';
import type { CustomersSource } from '$lib/types/pocketbase';
import { savePhoto, sha256Hex } from '$lib/sync/files';
import { newId } from '$lib/sync/ids';
import { createLocal } from '$lib/sync/outbox';

/** The fields printed on a business card, in form order (also the inputs' `name`s). */
export const CARD_FIELDS = ['name', 'title', 'company', 'mobile', 'phone', 'fax', 'email', 'address', 'website', 'wechat', 'qq'] as const;
export type CardField = (typeof CARD_FIELDS)[number];
export type CardValues = Record<CardField, string>;
/** The first problem of each field, as a stable code (`validation.<code>`). */
export type CardErrors = Partial<Record<CardField, SchemaIssueCode>>;

/** An empty card. */
export function emptyCard(): CardValues {
	return Object.fromEntries(CARD_FIELDS.map((f) => [f, ''])) as CardValues;
}

export interface CaptureInput {
	card: CardValues;
	/** The signed-in user: the customer's owner. */
	ownerId: string;
	/** Where the customer came from; default `exhibition` (cards are collected there). */
	source?: CustomersSource;
	/** The compressed card photo (see photos/compress), if one was taken. */
	photo?: Blob | null;
	/** A draft to delete in the same transaction (see db/drafts). */
	draftKey?: string;
}

export type CaptureResult =
	| { ok: true; customerId: string; contactId: string; attachmentId: string | null }
	| { ok: false; errors: CardErrors };

/** Customer fields that come from the card, by card field. */
const CUSTOMER_FIELDS: Partial<Record<string, CardField>> = { name: 'company', address: 'address' };

/**
 * Validates a card and saves it: customer (a company named after `company`, or a
 * person when no company is given), contact, and the photo with its attachment.
 * Nothing is written when a field is invalid; a storage failure (full disk) aborts
 * the whole transaction and is thrown (see db/storage-errors).
 */
export async function saveCard(db: AppDB, input: CaptureInput): Promise<CaptureResult> {
	const checked = checkCard(input);
	if (!checked.ok) return checked;
	const { customer, contact } = checked;
	// Hashed before the transaction: a non-Dexie await inside would commit it early.
	const photo = input.photo ?? null;
	const sha256 = photo ? await sha256Hex(photo) : undefined;

	const tables = [db.customers, db.contacts, db.attachments, db.outbox, db.photos, db.drafts];
	return db.transaction('rw', tables, async () => {
		// createLocal's and savePhoto's own transactions join this one (their tables are all in it).
		const customerId = await createLocal(db, 'customers', customer, customer.id as string);
		const contactId = await createLocal(db, 'contacts', contact, contact.id as string);
		let attachmentId: string | null = null;
		if (photo) attachmentId = await savePhoto(db, { customer: customerId, kind: 'card_front' }, photo, sha256);
		if (input.draftKey) await db.drafts.delete(input.draftKey);
		return { ok: true as const, customerId, contactId, attachmentId };
	});
}

/** The customer and contact of a card, validated by the domain schemas (no I/O). */
export function checkCard(input: CaptureInput): { ok: true; customer: Fields; contact: Fields } | { ok: false; errors: CardErrors } {
	const { card } = input;
	const errors: CardErrors = {};
	const mobile = storedPhone(card.mobile, false, 'mobile', errors);
	const phone = storedPhone(card.phone, true, 'phone', errors);
	const fax = storedPhone(card.fax, true, 'fax', errors);

	const company = card.company.trim();
	const customerId = newId();
	const customer = v.safeParse(CustomerSchema, {
		id: customerId,
		kind: company ? 'company' : 'person',
		name: company || card.name,
		address: card.address,
		status: 'potential',
		source: input.source ?? 'exhibition',
		first_contact: chinaToday(),
		owner: input.ownerId,
		review_state: 'draft'
	});
	const contact = v.safeParse(ContactSchema, {
		id: newId(),
		customer: customerId,
		name: card.name,
		title: card.title,
		mobile,
		phone,
		fax,
		email: card.email,
		wechat: card.wechat,
		qq: card.qq,
		website: card.website
	});

	if (!customer.success) {
		for (const [field, codes] of issuesByField(customer.issues)) {
			// Without a company the customer's name is the person's.
			const cardField = field === 'name' && !company ? 'name' : CUSTOMER_FIELDS[field];
			if (cardField) errors[cardField] ??= codes;
		}
	}
	if (!contact.success) {
		for (const [field, code] of issuesByField(contact.issues)) {
			if ((CARD_FIELDS as readonly string[]).includes(field)) errors[field as CardField] ??= code;
		}
	}
	if (!customer.success || !contact.success || Object.keys(errors).length) {
		// Anything else (owner, ids) is a bug, not something the user can fix.
		if (!Object.keys(errors).length) throw new Error('capture: invalid record outside the card fields');
		return { ok: false, errors };
	}
	return { ok: true, customer: withoutEmpty(customer.output), contact: withoutEmpty(contact.output) };
}

/**
 * A phone as stored: E.164, with `;ext=NNN` for office lines. Empty stays empty;
 * an unreadable number becomes an `invalid_phone` error.
 */
function storedPhone(input: string, allowExtension: boolean, field: CardField, errors: CardErrors): string {
	if (input.trim() === '') return '';
	const parsed = parsePhone(input);
	if (!parsed.ok || (parsed.extension && !allowExtension)) {
		errors[field] = 'invalid_phone';
		return '';
	}
	return parsed.extension ? `${parsed.e164};ext=${parsed.extension}` : parsed.e164;
}

/** The first issue code of each top-level field. */
function issuesByField(issues: v.BaseIssue<unknown>[]): [string, SchemaIssueCode][] {
	const nested = (v.flatten(issues as [v.BaseIssue<unknown>]).nested ?? {}) as Record<string, string[] | undefined>;
	return Object.entries(nested).flatMap(([path, codes]) => (codes?.[0] ? [[path.split('.')[0]!, codes[0] as SchemaIssueCode]] : []));
}

/** Drops fields left empty: the server fills its defaults, and the outbox entry stays small. */
function withoutEmpty(fields: object): Fields {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== undefined));
}

/** Today in China (UTC+8, no daylight saving), `YYYY-MM-DD`. */
function chinaToday(): string {
	return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
