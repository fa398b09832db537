// @ts-nocheck — runs in PocketBase's JS VM (globals $app, $os, routerAdd…), not in Node.
// Stamps `updated` from <dataDir>/test-clock.json (written by setServerClock in
// tests/helpers/server.ts). An autodate field keeps a value set by hand.
module.exports = {
	stamp: (record) => {
		let clock;
		try {
			clock = JSON.parse(toString($os.readFile($app.dataDir() + "/test-clock.json")));
		} catch (_) {
			return;
		}
		const iso = (ms) => new Date(ms).toISOString().replace("T", " ");
		if (clock.frozen) record.setRaw("updated", clock.frozen);
		else if (clock.shiftMs) record.setRaw("updated", iso(Date.now() + clock.shiftMs));
		else if (clock.early) record.setRaw("updated", iso(Date.now()));
	},
};
