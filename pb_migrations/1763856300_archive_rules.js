/// <reference path="../pb_data/types.d.ts" />

// Access rules of the archive (SPEC §4.5), one table for all collections.
//
//   rep       own customers and those shared with them; children follow their
//             customer. May soft-delete (deleted = true) what they own.
//   reviewer  reads everything; creates and corrects data, sets review fields;
//             never deletes, not even softly.
//   manager   reads everything (dashboards, exports); writes nothing.
//   admin     manages users; otherwise like a reviewer who may soft-delete.
//   guest     nothing.
// Hard delete is superuser-only (deleteRule = null) everywhere.
// Server hooks (server/) add what rules cannot express: version arithmetic,
// numbering, reasons for key fields, forbidden data, review-state rules.

const AUTH = '@request.auth.id != ""';
const ROLE = (r) => `@request.auth.role = "${r}"`;
const STAFF_READ = `(${ROLE("reviewer")} || ${ROLE("manager")} || ${ROLE("admin")})`;
const STAFF_WRITE = `(${ROLE("reviewer")} || ${ROLE("admin")})`;
const REP = ROLE("rep");
const unchanged = (field) => `(@request.body.${field}:isset = false || @request.body.${field} = ${field})`;
// Reviewers never delete; a rep or admin may set deleted (the soft delete).
const NO_REVIEWER_DELETE = `(@request.auth.role != "reviewer" || ${unchanged("deleted")})`;

// customers
// Note: `shared_with ?= x` matches nothing on PocketBase v0.40.4 for a multiple
// relation; `shared_with.id ?= x` works (tests/integration: sharing).
const MINE = "(owner = @request.auth.id || shared_with.id ?= @request.auth.id)";
const REP_REVIEW_STATE =
	'(@request.body.review_state:isset = false || @request.body.review_state = "draft" || @request.body.review_state = "submitted")';
const customerRules = {
	listRule: `${AUTH} && (${MINE} || ${STAFF_READ})`,
	viewRule: `${AUTH} && (${MINE} || ${STAFF_READ})`,
	createRule:
		`${AUTH} && ((${REP} && owner = @request.auth.id && ` +
		'(review_state = "" || review_state = "draft" || review_state = "submitted")) || ' +
		`${STAFF_WRITE})`,
	updateRule:
		`${AUTH} && ((${REP} && ${MINE} && ${REP_REVIEW_STATE} && ${unchanged("review_note")} && ` +
		`${unchanged("owner")} && (owner = @request.auth.id || (${unchanged("shared_with")} && ${unchanged("deleted")}))) || ` +
		`(${STAFF_WRITE} && ${NO_REVIEWER_DELETE}))`,
	deleteRule: null,
};

// children of a customer
const PARENT_MINE = "(customer.owner = @request.auth.id || customer.shared_with.id ?= @request.auth.id)";
const childRules = {
	listRule: `${AUTH} && (${PARENT_MINE} || ${STAFF_READ})`,
	viewRule: `${AUTH} && (${PARENT_MINE} || ${STAFF_READ})`,
	createRule: `${AUTH} && ((${REP} && ${PARENT_MINE}) || ${STAFF_WRITE})`,
	updateRule:
		`${AUTH} && ((${REP} && ${PARENT_MINE} && ${unchanged("customer")}) || ` +
		`(${STAFF_WRITE} && ${NO_REVIEWER_DELETE}))`,
	deleteRule: null,
};
const CHILDREN = ["contacts", "interactions", "transactions", "payments", "demands", "surveys", "risk_flags", "attachments"];

const logRules = {
	// Reviewers, managers and admins audit everything; others see their own entries.
	change_log: { list: `${AUTH} && (actor = @request.auth.id || ${STAFF_READ})`, create: null },
	// Reveals are audited by managers and admins; the hook sets `actor`.
	reveal_log: {
		list: `${AUTH} && (actor = @request.auth.id || ${ROLE("manager")} || ${ROLE("admin")})`,
		create: AUTH,
	},
	// One receipt per client operation; the body is just {"id": opId}, the hook sets `user`.
	sync_ops: { list: `${AUTH} && user = @request.auth.id`, create: `${AUTH} && @request.auth.role != "manager"` },
};

const conflictRules = {
	listRule: `${AUTH} && (mine_by = @request.auth.id || customer.owner = @request.auth.id || ${STAFF_READ})`,
	viewRule: `${AUTH} && (mine_by = @request.auth.id || customer.owner = @request.auth.id || ${STAFF_READ})`,
	createRule:
		`${AUTH} && mine_by = @request.auth.id && @request.auth.role != "manager" && ` +
		`(customer = "" || ${PARENT_MINE} || ${STAFF_WRITE})`,
	// Resolving a conflict is desk work.
	updateRule: `${AUTH} && ${STAFF_WRITE}`,
	deleteRule: null,
};

function apply(app, name, rules) {
	const c = app.findCollectionByNameOrId(name);
	Object.assign(c, rules);
	app.save(c);
}

migrate(
	(app) => {
		apply(app, "customers", customerRules);
		for (const name of CHILDREN) apply(app, name, childRules);
		for (const [name, r] of Object.entries(logRules)) {
			apply(app, name, { listRule: r.list, viewRule: r.list, createRule: r.create, updateRule: null, deleteRule: null });
		}
		apply(app, "conflicts", conflictRules);
	},
	(app) => {
		const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };
		for (const name of ["customers", ...CHILDREN, ...Object.keys(logRules), "conflicts"]) apply(app, name, closed);
	}
);
