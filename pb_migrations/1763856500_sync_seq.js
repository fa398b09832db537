/// <reference path="../pb_data/types.d.ts" />

// `seq`: a commit-ordered change number on every synced collection, the pull
// checkpoint (SYNC.md design 5, as built).
//
// `updated` cannot order pulls on its own: it is a wall-clock time, so a server
// clock moved back puts new rows behind the checkpoint, and it is taken before
// the write reaches the single writer, so commits land out of `updated` order
// (the reason for the 5-minute safety window, which made every incremental pull
// re-read all rows of the last five minutes). The server hook (server/sync_seq.go)
// takes `seq` from one counter INSIDE the write transaction; PocketBase has one
// writer connection, so a larger `seq` always commits later and a reader sees
// a gap-free prefix: `seq > checkpoint` misses nothing and needs no window.
//
// One counter for all collections (row `sync_seq` of kedang_counters). Rows
// that exist already are numbered in (updated, id) order.
const SYNCED = [
	"customers", "contacts", "interactions", "transactions", "payments",
	"demands", "surveys", "risk_flags", "attachments", "conflicts",
];

migrate(
	(app) => {
		let next = 0;
		for (const name of SYNCED) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new NumberField({ name: "seq", onlyInt: true, min: 0 }));
			collection.indexes.push(`CREATE INDEX idx_${name}_seq ON ${name} (seq)`);
			app.save(collection);

			const offset = next;
			app.db()
				.newQuery(
					`UPDATE ${name} SET seq = {:offset} + r.n FROM ` +
						`(SELECT id, ROW_NUMBER() OVER (ORDER BY updated, id) AS n FROM ${name}) AS r ` +
						`WHERE ${name}.id = r.id`
				)
				.bind({ offset })
				.execute();
			const row = new DynamicModel({ n: 0 });
			app.db().newQuery(`SELECT COUNT(*) AS n FROM ${name}`).one(row);
			next += row.n;
		}
		app.db()
			.newQuery(
				"INSERT INTO kedang_counters (key, value) VALUES ('sync_seq', {:n}) " +
					"ON CONFLICT(key) DO UPDATE SET value = MAX(value, {:n})"
			)
			.bind({ n: next })
			.execute();
	},
	(app) => {
		for (const name of SYNCED) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName("seq");
			collection.indexes = collection.indexes.filter((i) => !i.includes(`idx_${name}_seq`));
			app.save(collection);
		}
		app.db().newQuery("DELETE FROM kedang_counters WHERE key = 'sync_seq'").execute();
	}
);
