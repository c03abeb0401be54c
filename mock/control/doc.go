// Package control is the HTTP control API of s3invmock, served on the same listener
// as the fake S3 under /_mock/ (a prefix no bucket can take). Every answer is a JSON
// envelope: {"success": true, "data": ...} or {"success": false, "error": {"code":
// "VALIDATION_ERROR", "message": "...", "details": [{"path": "rules[0].action.error",
// "message": "..."}]}}.
//
// Endpoints (with WithAdminToken, every one but health needs "Authorization: Bearer
// TOKEN", else 401 UNAUTHORIZED):
//
//	GET    /_mock/health           {"status": "ok", "version": ..., "uptime_s": ...}
//	POST   /_mock/reset            empty state, scenario cleared, journal emptied
//	GET    /_mock/requests         the journal, oldest first; filters operation, bucket, since
//	DELETE /_mock/requests         empty the journal
//	GET    /_mock/requests/export  the journal as a replay bundle (YAML; JSON on request)
//	GET    /_mock/state            the state in the seed format
//	PUT    /_mock/state            replace the state from a seed document
//	POST   /_mock/state/snapshot   write the snapshot file now
//	GET    /_mock/capture          whether full exchanges are kept
//	PUT    /_mock/capture          {"enabled": true|false}
//	PUT    /_mock/replay           load a replay bundle (seed and scenario)
//	PUT    /_mock/scenarios        replace the scenario (JSON or YAML by Content-Type);
//	                               400 VALIDATION_ERROR leaves the old one in force
//	GET    /_mock/scenarios        the scenario, each rule's matched and fired counts, the state
//	POST   /_mock/scenarios/reset  rewind counters, state and random source
//	DELETE /_mock/scenarios        clear the scenario
//
// Any other /_mock/ path answers 404 NOT_FOUND, a known path with another method 405
// METHOD_NOT_ALLOWED. Every path outside /_mock/ reaches the fake S3.
package control
