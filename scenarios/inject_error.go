package scenarios

import "github.com/s3invmock/s3invmock/mock"

// injectedError answers with an S3 error rendered by the core's one error writer:
// byte-exact like a real one, with the request's fresh ids. The fake S3 never sees
// the request, so nothing in its store changes.
type injectedError struct{ err *mock.Error }

func (a injectedError) serve(ex *exchange) { mock.WriteError(ex.w, ex.call, a.err) }
