/**
 * Kafka API key names 0–33, as Cilium's policy code names them (`KafkaAPIKeyMap`, cilium/proxy
 * `APIKeyMap`), index = key number. A rule's `apiKey` must be one of these names (case-insensitive;
 * numbers are rejected by Sanitize); requests on the wire may carry higher numbers.
 */
export const KAFKA_API_KEY_NAMES: readonly string[] = [
  'produce', 'fetch', 'offsets', 'metadata', 'leaderandisr', 'stopreplica', 'updatemetadata',
  'controlledshutdown', 'offsetcommit', 'offsetfetch', 'findcoordinator', 'joingroup', 'heartbeat',
  'leavegroup', 'syncgroup', 'describegroups', 'listgroups', 'saslhandshake', 'apiversions',
  'createtopics', 'deletetopics', 'deleterecords', 'initproducerid', 'offsetforleaderepoch',
  'addpartitionstotxn', 'addoffsetstotxn', 'endtxn', 'writetxnmarkers', 'txnoffsetcommit',
  'describeacls', 'createacls', 'deleteacls', 'describeconfigs', 'alterconfigs',
]
