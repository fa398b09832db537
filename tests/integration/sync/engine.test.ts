// Whole sync sessions (push → conflicts → pull) against a real server.
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncOnce } from '../../../src/lib/sync/engine';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { customerData, localFields, newDevice } from '../../factories/archive';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let admin: PocketBase;
let actors: Actors;

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	actors = await createActors(server.url, admin);
});
afterAll(async () => {
	await server?.stop();
});

it('merges different fields and keeps both values of the same field in a conflicts row', async () => {
	const phone = newDevice();
	const fields = localFields(customerData(actors.ids.rep1, { address: '上海市浦东新区张江路 88 号' }));
	const id = await createLocal(phone, 'customers', fields);
	expect(await syncOnce(phone, actors.clients.rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });

	// The desk corrects the address and the grade while the phone is offline…
	await actors.clients.reviewer.collection('customers').update(id, {
		base_version: 1,
		address: '上海市浦东新区张江路 99 号',
		grade: 'vip',
		reason: '电话核实'
	});
	// …and the rep changes the address too, plus the notes.
	await updateLocal(phone, 'customers', id, { address: '上海市闵行区莘庄工业区 1 号', notes: '对方下月招标' });

	const report = await syncOnce(phone, actors.clients.rep1, actors.ids.rep1);
	expect(report).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });

	const row = await admin.collection('customers').getOne(id);
	// One side's change merges automatically; the same field keeps the server's value.
	expect(row).toMatchObject({ address: '上海市浦东新区张江路 99 号', grade: 'vip', notes: '对方下月招标', version: 3 });
	const conflicts = await admin.collection('conflicts').getFullList({ filter: `record = "${id}"` });
	expect(conflicts).toMatchObject([
		{
			field: 'address',
			base: '上海市浦东新区张江路 88 号',
			mine: '上海市闵行区莘庄工业区 1 号',
			theirs: '上海市浦东新区张江路 99 号',
			mine_by: actors.ids.rep1,
			state: 'open',
			customer: id
		}
	]);
	const local = await phone.customers.get(id);
	expect(local).toMatchObject({ address: '上海市浦东新区张江路 99 号', notes: '对方下月招标', _state: 'synced' });
});
