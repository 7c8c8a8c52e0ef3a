export { Harness, type RunOptions, type WorkflowJson } from './harness';
export { CredentialStore, type CredentialUpdate } from './credentials-helper';
export { WorkflowRun } from './workflow-run';
export { chain, TRIGGER_NAME, type NodeSpec } from './workflow-json';
export { n8nLog, n8nLogText } from './n8n-log';
export { listSearch, loadOptions, testCredential } from './editor-calls';
export { pollSession, PollSession, type PollNodeSpec, type PollResult } from './poll';
