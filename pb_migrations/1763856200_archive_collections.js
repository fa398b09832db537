/// <reference path="../pb_data/types.d.ts" />

// The customer archive (SPEC §2): every collection, its fields and indexes.
// Access rules live in the next migration so that they read as one table.
//
// Conventions: snake_case names; enumerations are select fields holding stable
// English codes (labels come from i18n); money is integer fen; dates are
// `YYYY-MM-DD` text; date-times are PocketBase date fields (UTC).
// Synced collections carry the sync fields of SYNC.md: `version`,
// `base_version`, `deleted`, `last_op`, autodate `created`/`updated`, and an
// index on (updated, id) for checkpointed pulls. Ids are client-chosen
// (15 chars [a-z0-9], PocketBase's default id pattern).
// The append-only logs (change_log, reveal_log, sync_ops) are written once and
// never edited or synced down, so they carry only `created` (+ `updated` for
// change_log, which reviewers page through like the rest).

const DATE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";
const OP_ID = "^[a-z0-9]{15}$";

const text = (name, max = 200, extra = {}) => ({ name, type: "text", max, ...extra });
const date = (name, extra = {}) => ({ name, type: "text", max: 10, pattern: DATE, ...extra });
const select = (name, values, extra = {}) => ({ name, type: "select", maxSelect: 1, values, ...extra });
const money = (name) => ({ name, type: "number", onlyInt: true, min: 0 });
const json = (name) => ({ name, type: "json", maxSize: 65536 });
const bool = (name) => ({ name, type: "bool" });
const rel = (name, collectionId, extra = {}) => ({
	name,
	type: "relation",
	collectionId,
	maxSelect: 1,
	cascadeDelete: false,
	...extra,
});

function syncFields() {
	return [
		{ name: "version", type: "number", onlyInt: true, min: 1 },
		{ name: "base_version", type: "number", onlyInt: true, min: 0 },
		bool("deleted"),
		text("last_op", 15, { pattern: "^[a-z0-9]*$" }),
		{ name: "created", type: "autodate", onCreate: true, onUpdate: false },
		{ name: "updated", type: "autodate", onCreate: true, onUpdate: true },
	];
}

function syncIndexes(name) {
	return [`CREATE INDEX idx_${name}_updated_id ON ${name} (updated, id)`];
}

/** A child of a customer: the relation, the author and the sync fields. */
function child(name, customersId, usersId, fields, indexes = []) {
	return new Collection({
		type: "base",
		name,
		fields: [
			rel("customer", customersId, { required: true }),
			...fields,
			rel("created_by", usersId),
			...syncFields(),
		],
		indexes: [...syncIndexes(name), `CREATE INDEX idx_${name}_customer ON ${name} (customer)`, ...indexes],
	});
}

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId("users").id;

		// Counters for human-facing numbers (CUS202405001…), bumped atomically
		// by the server hook; not a collection, so never exposed by the API.
		app.db()
			.newQuery("CREATE TABLE IF NOT EXISTS kedang_counters (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)")
			.execute();

		const customers = new Collection({
			type: "base",
			name: "customers",
			fields: [
				text("number", 20),
				select("kind", ["company", "person"], { required: true }),
				text("name", 200, { required: true }),
				text("short_name", 100),
				text("credit_code", 18, { pattern: "^[0-9A-HJ-NPQRTUWXY]{18}$" }),
				text("legal_rep", 100),
				text("reg_address", 500),
				text("address", 500),
				text("business_scope", 5000),
				// GB/T 4754-2017 大类 (division) code "01"…"97"; its 门类 follows from it.
				select(
					"industry",
					Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, "0"))
				),
				select("scale", ["micro", "small", "medium", "large"]),
				text("occupation", 100),
				select("status", ["potential", "intent", "won", "lost"]),
				bool("dormant"),
				select("grade", ["vip", "normal", "potential"]),
				select("source", ["exhibition", "website", "phone", "referral", "partner", "event", "online", "other"]),
				text("referrer", 100),
				date("first_contact"),
				rel("owner", users, { required: true }),
				rel("shared_with", users, { maxSelect: 50 }),
				json("tags"), // ["物流时效敏感度:高", …]
				json("needs"), // { core_need, service_type, expected_start, decision_chain }
				json("budget"), // { min_fen, max_fen }, integers
				text("notes", 5000),
				date("verified_at"),
				select("review_state", ["draft", "submitted", "approved", "returned"]),
				text("review_note", 1000),
				...syncFields(),
			],
			indexes: [
				...syncIndexes("customers"),
				"CREATE UNIQUE INDEX idx_customers_number ON customers (number) WHERE number != ''",
				"CREATE INDEX idx_customers_owner ON customers (owner)",
				"CREATE INDEX idx_customers_credit_code ON customers (credit_code)",
				"CREATE INDEX idx_customers_review_state ON customers (review_state)",
			],
		});
		app.save(customers);
		const cid = customers.id;

		app.save(
			child(
				"contacts",
				cid,
				users,
				[
					text("name", 100, { required: true }),
					text("title", 100),
					select("role", ["decision_maker", "liaison", "finance", "technical", "other"]),
					text("mobile", 32), // E.164
					text("phone", 40), // office line, E.164 with optional extension
					text("fax", 40),
					{ name: "email", type: "email" },
					text("wechat", 64),
					text("qq", 20),
					text("website", 200),
					bool("is_emergency"),
					select("preferred_channel", ["phone", "wechat", "email", "sms", "visit", "other"]),
					text("personal_notes", 2000),
					json("personal_events"), // [{ date: "YYYY-MM-DD", note }] → reminders
				],
				[
					"CREATE INDEX idx_contacts_mobile ON contacts (mobile)",
					"CREATE INDEX idx_contacts_email ON contacts (email)",
				]
			)
		);
		const contacts = app.findCollectionByNameOrId("contacts").id;

		app.save(
			child(
				"interactions",
				cid,
				users,
				[
					text("number", 20),
					rel("contact", contacts),
					{ name: "occurred_at", type: "date", required: true },
					select("method", ["phone", "wechat", "email", "visit", "meeting", "exhibition", "other"], { required: true }),
					text("participants", 500),
					text("content", 5000, { required: true }),
					text("pain_points", 2000),
					text("expectations", 2000),
					text("complaints", 2000),
					text("feedback", 2000),
					text("next_step", 1000),
					date("next_step_due"),
					rel("followed_by", users),
					bool("late"), // entered more than 2 working days after the contact
				],
				["CREATE UNIQUE INDEX idx_interactions_number ON interactions (number) WHERE number != ''"]
			)
		);

		app.save(
			child("transactions", cid, users, [
				text("contract_no", 64),
				date("signed_on"),
				json("items"), // [{ name, spec, quantity, unit_price_fen }]
				money("amount_with_tax"),
				money("amount_without_tax"),
				select("payment_terms", ["full", "installment"]),
				json("installments"), // [{ due: "YYYY-MM-DD", amount_fen }]
				date("delivery_date"),
				text("delivery_method", 200),
				select("acceptance", ["pending", "passed", "failed"]),
				text("acceptance_issues", 2000),
				text("special_terms", 2000),
				date("contract_end"),
				select("renewal_intent", ["yes", "no", "undecided"]),
			])
		);
		const transactions = app.findCollectionByNameOrId("transactions").id;

		app.save(
			child("payments", cid, users, [
				rel("transaction", transactions, { required: true }),
				date("due_date", { required: true }),
				money("amount_due"),
				date("paid_date"),
				money("amount_paid"),
				bool("late"),
				text("notes", 1000),
			])
		);

		app.save(
			child(
				"demands",
				cid,
				users,
				[
					text("number", 20),
					rel("contact", contacts),
					select("type", ["consultation", "purchase", "after_sales", "customisation"], { required: true }),
					text("description", 5000, { required: true }),
					select("urgency", ["urgent", "normal", "long_term"], { required: true }),
					{ name: "accepted_at", type: "date" },
					{ name: "response_due", type: "date" },
					{ name: "first_response_at", type: "date" },
					date("plan_due"),
					rel("receiver", users),
					rel("assignee", users),
					date("planned_completion"),
					date("actual_completion"),
					select("state", ["open", "in_progress", "done", "cancelled"]),
					text("result", 2000),
				],
				["CREATE UNIQUE INDEX idx_demands_number ON demands (number) WHERE number != ''"]
			)
		);

		app.save(
			child(
				"surveys",
				cid,
				users,
				[
					text("number", 20),
					text("service_item", 200, { required: true }),
					json("scores"), // { response_speed: 1–5, expertise: 1–5, resolution: 1–5, …configurable }
					text("suggestions", 2000),
					date("surveyed_on"),
					rel("recorder", users),
				],
				["CREATE UNIQUE INDEX idx_surveys_number ON surveys (number) WHERE number != ''"]
			)
		);

		app.save(
			child("risk_flags", cid, users, [
				select("kind", ["default_history", "industry_watch", "internal_assessment", "late_payments"], { required: true }),
				select("level", ["low", "medium", "high"], { required: true }),
				text("description", 2000),
				text("outcome", 1000),
				bool("automatic"),
				bool("resolved"),
			])
		);

		app.save(
			child("attachments", cid, users, [
				// The record the file belongs to, e.g. ("interactions", id); empty = the customer.
				text("parent_collection", 40),
				text("parent_id", 15),
				select("kind", ["card_front", "card_back", "licence", "contract", "requirements", "photo", "other"], { required: true }),
				// Protected: card photos show real people; downloads need a file token.
				{ name: "file", type: "file", maxSelect: 1, maxSize: 50 * 1024 * 1024, protected: true },
				text("sha256", 64, { pattern: "^[0-9a-f]{64}$" }),
				text("ocr_text", 20000), // raw OCR, always kept with the photo
				json("ocr_fields"),
			])
		);

		app.save(
			new Collection({
				type: "base",
				name: "change_log",
				fields: [
					text("collection", 40, { required: true }),
					text("record", 15, { required: true }),
					text("field", 60, { required: true }),
					json("old"),
					json("new"),
					text("reason", 500),
					rel("actor", users),
					text("actor_label", 200), // "superuser admin@…" for dashboard edits
					{ name: "created", type: "autodate", onCreate: true, onUpdate: false },
					{ name: "updated", type: "autodate", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE INDEX idx_change_log_record ON change_log (collection, record)",
					"CREATE INDEX idx_change_log_updated_id ON change_log (updated, id)",
				],
			})
		);

		app.save(
			new Collection({
				type: "base",
				name: "reveal_log",
				fields: [
					text("collection", 40, { required: true }),
					text("record", 15, { required: true }),
					text("field", 60, { required: true }),
					text("reason", 500),
					rel("actor", users),
					{ name: "created", type: "autodate", onCreate: true, onUpdate: false },
				],
				indexes: ["CREATE INDEX idx_reveal_log_record ON reveal_log (collection, record)"],
			})
		);

		app.save(
			new Collection({
				type: "base",
				name: "sync_ops",
				fields: [
					rel("user", users),
					{ name: "created", type: "autodate", onCreate: true, onUpdate: false },
				],
			})
		);

		app.save(
			new Collection({
				type: "base",
				name: "conflicts",
				fields: [
					rel("customer", cid),
					text("collection", 40, { required: true }),
					text("record", 15, { required: true }),
					text("field", 60, { required: true }),
					json("base"),
					json("mine"),
					json("theirs"),
					rel("mine_by", users),
					{ name: "theirs_version", type: "number", onlyInt: true },
					select("state", ["open", "resolved"]),
					select("resolution", ["mine", "theirs", "custom"]),
					json("resolved_value"),
					rel("resolved_by", users),
					{ name: "resolved_at", type: "date" },
					...syncFields(),
				],
				indexes: [...syncIndexes("conflicts"), "CREATE INDEX idx_conflicts_record ON conflicts (collection, record)"],
			})
		);
	},
	(app) => {
		for (const name of [
			"conflicts",
			"sync_ops",
			"reveal_log",
			"change_log",
			"attachments",
			"risk_flags",
			"surveys",
			"demands",
			"payments",
			"transactions",
			"interactions",
			"contacts",
			"customers",
		]) {
			app.delete(app.findCollectionByNameOrId(name));
		}
		app.db().newQuery("DROP TABLE IF EXISTS kedang_counters").execute();
	}
);
