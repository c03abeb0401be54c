package identity

import (
	"net/http"
	"strings"
)

// AccessKeyOf returns the access key id a request claims to be signed with, without
// checking anything: from a SigV4 Authorization header (Credential=AKID/...), from a
// presigned query (X-Amz-Credential=AKID/...), or, tolerated for the account lookup
// only, from a Signature Version 2 header (AWS AKID:signature) or query
// (AWSAccessKeyId=AKID). It returns "" for an unsigned request. q is r's query as
// routing parsed it (ParseQuery).
func AccessKeyOf(r *http.Request, q Query) string {
	if auth := strings.TrimSpace(FirstValue(r.Header, "Authorization")); auth != "" {
		return accessKeyOfHeader(auth)
	}
	if credential, ok := q.Get("X-Amz-Credential"); ok {
		key, _, _ := strings.Cut(credential, "/")
		return key
	}
	if key, ok := q.Get("AWSAccessKeyId"); ok {
		return key
	}
	return ""
}

// accessKeyOfHeader reads the key id out of either signature version's header.
func accessKeyOfHeader(auth string) string {
	scheme, rest, _ := strings.Cut(auth, " ")
	switch scheme {
	case signingAlgorithm:
		for component := range strings.SplitSeq(rest, ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(component), "Credential="); ok {
				key, _, _ := strings.Cut(v, "/")
				return key
			}
		}
	case "AWS":
		key, _, _ := strings.Cut(strings.TrimSpace(rest), ":")
		return key
	}
	return ""
}
