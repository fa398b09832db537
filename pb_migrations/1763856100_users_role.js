/// <reference path="../pb_data/types.d.ts" />

// Users get a role and a display name (the stock `name` field, now required).
//
// Roles (SPEC §4.5): rep — own customers; reviewer — desk review of everything;
// manager — reads everything, dashboards, exports; admin — manages users.
// Nobody can sign up on their own: accounts are created by an admin.
// Reps work offline for days, so the auth token lives 30 days (the sync engine
// refreshes it at the start of every sync).
migrate(
	(app) => {
		const users = app.findCollectionByNameOrId("users");

		users.fields.add(
			new SelectField({
				name: "role",
				required: true,
				maxSelect: 1,
				values: ["rep", "reviewer", "manager", "admin"],
			})
		);
		const name = users.fields.getByName("name");
		name.required = true;
		name.max = 100;

		const signedIn = '@request.auth.id != ""';
		const admin = '@request.auth.role = "admin"';
		// Signed-in users see each other's names and roles (owners, authors);
		// emails stay hidden unless emailVisibility is set.
		users.listRule = signedIn;
		users.viewRule = signedIn;
		users.createRule = admin;
		// Users edit their own profile but never their own role.
		users.updateRule = `(id = @request.auth.id && @request.body.role:isset = false) || ${admin}`;
		users.deleteRule = admin;
		users.manageRule = admin;
		users.authToken.duration = 30 * 24 * 60 * 60;

		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId("users");
		users.fields.removeByName("role");
		users.fields.getByName("name").required = false;
		users.listRule = "id = @request.auth.id";
		users.viewRule = "id = @request.auth.id";
		users.createRule = "";
		users.updateRule = "id = @request.auth.id";
		users.deleteRule = "id = @request.auth.id";
		users.manageRule = null;
		users.authToken.duration = 604800;
		app.save(users);
	}
);
