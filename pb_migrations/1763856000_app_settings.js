/// <reference path="../pb_data/types.d.ts" />

// App-wide settings Kedang relies on.
// - The batch API is off by default in PocketBase; the sync engine pushes every
//   operation as one /api/batch transaction (receipt + change), see SYNC.md.
// - 100 requests per batch leaves room for the receipt-per-operation pairs; the
//   timeout is in seconds.
migrate(
	(app) => {
		const settings = app.settings();
		settings.meta.appName = "客档";
		settings.batch.enabled = true;
		settings.batch.maxRequests = 100;
		settings.batch.timeout = 10;
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.meta.appName = "Acme";
		settings.batch.enabled = false;
		app.save(settings);
	}
);
