// "Export unsynced" (SYNC.md design 11): everything still on the device that
// the server has not confirmed, as JSON (every outbox entry with its record,
// rejected ones included) and as vCard 3.0 (RFC 2426) for the people among
// them. Reads Dexie only, so it works with no network at all.
import { SYNCED, type AppDB, type Fields, type LocalRecord, type OutboxEntry, type SyncedCollection } from '$lib/db/app-db';

/** One outbox entry with the record as it is on the device now (null if it is gone). */
export interface UnsyncedItem {
	entry: OutboxEntry;
	record: LocalRecord | null;
}

/** Every outbox entry, oldest first, with its local record; one read transaction. */
export async function unsyncedItems(db: AppDB): Promise<UnsyncedItem[]> {
	return db.transaction('r', [db.outbox, ...SYNCED.map((c) => db.records(c))], async () => {
		const entries = await db.outbox.orderBy('seq').toArray();
		return Promise.all(
			entries.map(async (entry) => ({ entry, record: (await db.records(entry.collection).get(entry.recordId)) ?? null }))
		);
	});
}

/** Conflict rows still open on the device (the desk resolves them; the rep sees them). */
export async function openConflicts(db: AppDB): Promise<LocalRecord[]> {
	return db.conflicts.filter((c) => c.state !== 'resolved').toArray();
}

/** A record in conflict with the fields both sides changed (none yet if only its `_state` says so). */
export interface ConflictGroup {
	collection: SyncedCollection;
	recordId: string;
	record: LocalRecord | null;
	rows: LocalRecord[];
}

/** Records in conflict on the device: open `conflicts` rows by record, and records marked `conflict`. */
export async function conflictGroups(db: AppDB): Promise<ConflictGroup[]> {
	return db.transaction('r', SYNCED.map((c) => db.records(c)), async () => {
		const groups = new Map<string, ConflictGroup>();
		const group = (collection: SyncedCollection, recordId: string) => {
			const key = `${collection}/${recordId}`;
			if (!groups.has(key)) groups.set(key, { collection, recordId, record: null, rows: [] });
			return groups.get(key)!;
		};
		for (const row of await openConflicts(db)) {
			const collection = row.collection as SyncedCollection;
			if ((SYNCED as readonly string[]).includes(collection)) group(collection, String(row.record)).rows.push(row);
		}
		for (const collection of SYNCED) {
			for (const record of await db.records(collection).where('_state').equals('conflict').toArray()) group(collection, record.id);
		}
		for (const g of groups.values()) g.record = (await db.records(g.collection).get(g.recordId)) ?? null;
		return [...groups.values()];
	});
}

/** The JSON export: every unsynced operation with its record, and the open conflicts. */
export async function exportJson(db: AppDB, now = new Date()): Promise<string> {
	const items = await unsyncedItems(db);
	const conflicts = await openConflicts(db);
	const doc = {
		format: 'kedang-unsynced',
		version: 1,
		exportedAt: now.toISOString(),
		operations: items.map(({ entry, record }) => ({ ...entry, record })),
		conflicts
	};
	return JSON.stringify(doc, null, 2);
}

/** A person or company as a vCard needs it; empty fields are left out. */
export interface CardInput {
	name: string;
	/** A company card (customer of kind `company`): N stays empty, ORG is the name. */
	isCompany?: boolean;
	org?: string;
	title?: string;
	mobile?: string;
	phone?: string;
	email?: string;
	address?: string;
	note?: string;
}

/** vCard 3.0 cards for the customers and contacts with unsynced operations; '' if none. */
export async function exportVcards(db: AppDB): Promise<string> {
	const items = await unsyncedItems(db);
	const seen = new Set<string>();
	const cards: string[] = [];
	for (const { entry, record } of items) {
		if (!record || record.deleted || seen.has(entry.recordId)) continue;
		if (entry.collection !== 'customers' && entry.collection !== 'contacts') continue;
		seen.add(entry.recordId);
		if (entry.collection === 'customers') {
			cards.push(vcard(customerCard(record)));
		} else {
			const customer = typeof record.customer === 'string' ? await db.customers.get(record.customer) : undefined;
			cards.push(vcard(contactCard(record, customer)));
		}
	}
	return cards.join('');
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function customerCard(c: Fields): CardInput {
	const isCompany = c.kind !== 'person';
	return { name: str(c.name), isCompany, org: isCompany ? str(c.name) : '', address: str(c.address) || str(c.reg_address), note: str(c.notes) };
}

function contactCard(c: Fields, customer?: Fields): CardInput {
	return {
		name: str(c.name),
		org: str(customer?.name),
		title: str(c.title),
		mobile: str(c.mobile),
		phone: str(c.phone),
		email: str(c.email),
		address: str(customer?.address),
		note: str(c.personal_notes)
	};
}

/** One vCard 3.0, UTF-8, CRLF line ends, long lines folded (RFC 2426 §2.6). */
export function vcard(card: CardInput): string {
	const lines = ['BEGIN:VCARD', 'VERSION:3.0'];
	const { family, given } = card.isCompany ? { family: '', given: '' } : splitName(card.name);
	lines.push(`N:${escapeText(family)};${escapeText(given)};;;`, `FN:${escapeText(card.name)}`);
	if (card.org) lines.push(`ORG:${escapeText(card.org)}`);
	if (card.title) lines.push(`TITLE:${escapeText(card.title)}`);
	if (card.mobile) lines.push(`TEL;TYPE=CELL:${telValue(card.mobile)}`);
	if (card.phone) lines.push(`TEL;TYPE=WORK:${telValue(card.phone)}`);
	if (card.email) lines.push(`EMAIL;TYPE=INTERNET:${escapeText(card.email)}`);
	// ADR: PO box; extended; street; locality; region; postal code; country.
	// Chinese addresses are one line, so all of it goes in "street".
	if (card.address) lines.push(`ADR;TYPE=WORK:;;${escapeText(card.address)};;;;`);
	if (card.note) lines.push(`NOTE:${escapeText(card.note)}`);
	lines.push('END:VCARD');
	return lines.flatMap(foldLine).map((l) => l + '\r\n').join('');
}

/** Escapes a text value: backslash, comma, semicolon and newlines (RFC 2426 §4). */
export function escapeText(s: string): string {
	return s.replace(/[\\,;]/g, (c) => '\\' + c).replace(/\r\n|\r|\n/g, '\\n');
}

/** Stored office numbers carry `;ext=801` (RFC 3966), which would read as a parameter here. */
function telValue(tel: string): string {
	return tel.replace(/;ext=/i, ' ext. ');
}

/** Two-character surnames; everything else takes the first character as the family name. */
const COMPOUND_SURNAMES = new Set([
	'欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯',
	'轩辕', '端木', '南宫', '西门', '独孤', '呼延', '澹台', '公冶', '闻人', '万俟', '太史', '申屠', '钟离', '百里'
]);

/** Family and given name: 张伟 → 张 + 伟, 欧阳娜娜 → 欧阳 + 娜娜, John Smith → Smith + John. */
export function splitName(name: string): { family: string; given: string } {
	const n = name.trim();
	if (/^[\p{Script=Han}·]{2,5}$/u.test(n)) {
		const chars = Array.from(n);
		const surname = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
		return { family: chars.slice(0, surname).join(''), given: chars.slice(surname).join('') };
	}
	const words = n.split(/\s+/).filter(Boolean);
	if (words.length < 2) return { family: n, given: '' };
	return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

const encoder = new TextEncoder();
/** Octets per physical line, CRLF excluded (RFC 2425 §5.8.1). */
const MAX_OCTETS = 75;

/**
 * Folds one content line into physical lines of at most 75 octets; each
 * continuation starts with one space. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string[] {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		if (octets + size > MAX_OCTETS) {
			out.push(current);
			current = ' ';
			octets = 1;
		}
		current += ch;
		octets += size;
	}
	out.push(current);
	return out;
}
