package control

import (
	"net/http"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// CodeForbidden is the code of a 403: the fake verifies signatures, no admin token is
// set, and the endpoint would change accounts or state.
const CodeForbidden = "FORBIDDEN"

// RedactedSecret stands in for every secret access key the control API shows while
// it is locked (see locked).
const RedactedSecret = "REDACTED"

// msgAdminOnly names the setting that opens the locked endpoints, for the sidecar
// (the environment variable) and for library users (the option).
const msgAdminOnly = "signatures are verified and no admin token is set, so this endpoint, " +
	"which changes accounts or state, is closed; set S3INVMOCK_ADMIN_TOKEN " +
	"(WithAdminToken) and send Authorization: Bearer <token>"

// locked reports whether the control API hides secrets and refuses changes: the
// server verifies signatures (asked each time: the mode can change at run time) and
// no admin token is set. Otherwise anyone who reaches the port could read a key's
// secret, or load accounts of their own, and sign as anyone.
//
// Closed while locked: PUT /_mock/state and PUT /_mock/replay (they replace the
// accounts), POST /_mock/reset (it empties them), POST /_mock/state/snapshot (it
// overwrites the seed file the next start loads its accounts from). GET /_mock/state
// and the export's seed show secrets as RedactedSecret. Open: the scenario endpoints
// (faults are what a test drives), the journal (GET and DELETE: it holds signatures,
// never secrets, and clearing it changes no account or bucket), capture and health.
func (h *handler) locked() bool {
	return h.admin.token == "" && h.srv.Auth() == identity.ModeVerify
}

// adminOnly closes f while the control API is locked.
func (h *handler) adminOnly(f http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h.locked() {
			WriteError(w, http.StatusForbidden, CodeForbidden, msgAdminOnly)
			return
		}
		f(w, r)
	}
}

// shown is st as the control API may show it: while locked, a copy whose secret
// access keys are RedactedSecret; st itself is never changed. nil stays nil.
func (h *handler) shown(st *mock.State) *mock.State {
	if st == nil || !h.locked() {
		return st
	}
	out := *st
	out.Accounts = make([]identity.Account, len(st.Accounts))
	for i, a := range st.Accounts {
		keys := make([]identity.Key, len(a.Keys))
		for j, k := range a.Keys {
			k.SecretAccessKey = RedactedSecret
			keys[j] = k
		}
		a.Keys = keys
		out.Accounts[i] = a
	}
	return &out
}
