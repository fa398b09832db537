// @ts-nocheck — runs in PocketBase's JS VM (globals $app, $os, routerAdd…), not in Node.
// Test-only hooks: never shipped. Tests that need them start the server with
// --hooksDir pointing here (startTestServer({ testHooks: true })).

// Holds the single writer connection (a long batch or a backup, SYNC.md
// failure test 8): every write waits, reads go on.
routerAdd(
	"POST",
	"/api/test/hold-writer",
	(e) => {
		const ms = Number(e.requestInfo().body.ms) || 1000;
		$app.runInTransaction(() => sleep(ms));
		return e.json(200, { held: ms });
	},
	$apis.requireSuperuserAuth()
);

// A server clock the test can move: see clock.js.
onRecordCreateRequest((e) => {
	require(`${__hooks}/clock.js`).stamp(e.record);
	return e.next();
}, "customers");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/clock.js`).stamp(e.record);
	return e.next();
}, "customers");
