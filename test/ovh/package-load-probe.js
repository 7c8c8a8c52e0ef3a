// Runs in a worker thread (its own module cache): loads the built package as n8n does, then reports the
// size of what the editor receives and whether any catalog file was parsed.
const { parentPort, workerData } = require('node:worker_threads');
const { PackageDirectoryLoader } = require('n8n-core');

(async () => {
	const loader = new PackageDirectoryLoader(workerData.packageDir);
	await loader.loadAll();
	const node = loader.getNode('ovhCloud').type;
	const catalogFiles = Object.keys(require.cache).filter((file) => /OvhCloud[\\/]catalog[\\/]v[12][\\/]/.test(file));
	const credentials = ['ovhCloudApi', 'ovhCloudOAuth2Api'].map((name) => JSON.stringify(loader.getCredential(name).type).length);
	parentPort.postMessage({ descriptionBytes: JSON.stringify(node.description).length, credentials, catalogFiles });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
